import { readFileSync } from "node:fs";
import { z } from "zod";
import { readJsonFile, writeJsonAtomic } from "./atomic";

export const CONNECTION_STATES = ["connecting", "connected", "disconnected", "revoked"] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const agentStatusSchema = z.object({
  v: z.literal(1),
  pid: z.number().int(),
  startedAt: z.number().int(),
  updatedAt: z.number().int(),
  /** False once the daemon stopped cleanly. */
  running: z.boolean(),
  hostId: z.string(),
  serverUrl: z.string(),
  dryRun: z.boolean(),
  connection: z.enum(CONNECTION_STATES),
  connectedSince: z.number().int().nullable(),
  /** Set when the server answered 401: the host was revoked or deleted. */
  revokedAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  heartbeat: z.object({
    intervalSeconds: z.number(),
    seq: z.number().int(),
    lastAt: z.number().int().nullable(),
    lastOk: z.boolean().nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    factsSentAt: z.number().int().nullable(),
  }),
  outbox: z.object({ queued: z.number().int(), dropped: z.number().int() }),
  commands: z.object({ executed: z.number().int(), rejected: z.number().int() }),
});

export type AgentStatus = z.infer<typeof agentStatusSchema>;

export function initialStatus(hostId: string, serverUrl: string, dryRun: boolean): AgentStatus {
  const now = Date.now();
  return {
    v: 1,
    pid: process.pid,
    startedAt: now,
    updatedAt: now,
    running: true,
    hostId,
    serverUrl,
    dryRun,
    connection: "connecting",
    connectedSince: null,
    revokedAt: null,
    lastError: null,
    heartbeat: {
      intervalSeconds: 0,
      seq: 0,
      lastAt: null,
      lastOk: null,
      lastStatus: null,
      lastError: null,
      factsSentAt: null,
    },
    outbox: { queued: 0, dropped: 0 },
    commands: { executed: 0, rejected: 0 },
  };
}

export async function readStatusFile(path: string): Promise<AgentStatus | null> {
  const parsed = agentStatusSchema.safeParse(await readJsonFile(path).catch(() => null));
  return parsed.success ? parsed.data : null;
}

/**
 * The daemon's live status, shared by its subsystems and mirrored to status.json at most
 * every `debounceMs` (it describes the moment, so it is not fsynced).
 */
export class StatusBoard {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    readonly current: AgentStatus,
    private readonly debounceMs = 250,
  ) {}

  update(change: (status: AgentStatus) => void): void {
    change(this.current);
    this.current.updatedAt = Date.now();
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const snapshot = structuredClone(this.current);
    this.writing = this.writing
      .then(() => writeJsonAtomic(this.path, snapshot, { durable: false }))
      .catch(() => {});
    await this.writing;
  }

  snapshot(): AgentStatus {
    return structuredClone(this.current);
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the service account).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Another daemon is live on this state dir: its status says running, its pid exists
 * and, so a reused pid after a crash or reboot does not block us forever, that pid is
 * a fleetdeck-agent.
 */
export function otherDaemon(status: AgentStatus | null): number | null {
  if (!status?.running || status.pid === process.pid || !processAlive(status.pid)) return null;
  try {
    const cmdline = readFileSync(`/proc/${status.pid}/cmdline`, "utf8");
    return cmdline.includes("fleetdeck-agent") ? status.pid : null;
  } catch {
    return null;
  }
}
