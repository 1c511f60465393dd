import { readFileSync } from "node:fs";
import { z } from "zod";
import { LOG_LEVELS } from "./log";

export const DEFAULT_CONFIG_PATH = "/etc/fleetdeck/agent.json";
export const CONFIG_PATH_ENV = "FLEETDECK_AGENT_CONFIG";

/** Environment values are strings; the file holds JSON types. Both go through one schema. */
const num = (inner: z.ZodNumber) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v), inner);
const bool = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  const s = v.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(s)) return true;
  if (["0", "false", "no", "off", ""].includes(s)) return false;
  return v;
}, z.boolean());
const path = z.string().min(1);
const MAX_CHUNK = 64 * 1024 * 1024;

export const agentConfigSchema = z
  .object({
    /** Used by `enroll` when --server is absent, and overrides the enrolled URL when set. */
    serverUrl: z.url({ protocol: /^https?$/ }).optional(),
    stateDir: path.default("/var/lib/fleetdeck-agent"),
    /** Until the server says otherwise (enroll, hello and heartbeat responses carry it). */
    heartbeatSeconds: num(z.number().positive().max(3600)).default(15),
    /** Record external tools instead of running them (a demo fleet without root). */
    dryRun: bool.default(false),
    machineIdPath: path.default("/etc/machine-id"),
    osReleasePath: path.default("/etc/os-release"),
    hostname: z.string().min(1).max(255).optional(),
    procRoot: path.default("/proc"),
    sysRoot: path.default("/sys"),
    pstoreDir: path.default("/sys/fs/pstore"),
    /** Remove pstore records once the server has them: pstore memory holds only a few. */
    pstoreDelete: bool.default(false),
    /** kdump's dumps: RHEL `<host>-<date>/vmcore-dmesg.txt`, Debian `<stamp>/dmesg.<stamp>`. */
    kdumpDir: path.default("/var/crash"),
    /** A journal directory to read instead of the system journal (`journalctl --directory`); "" is the system's. */
    journalDir: z.string().default(""),
    /** Followed for reports that do not panic (WARNING, lockups, OOM); "" turns it off. */
    kmsgPath: z.string().default("/dev/kmsg"),
    /** A kmsg report still open after this much silence is sent as it stands. */
    kmsgQuietSeconds: num(z.number().positive().max(600)).default(5),
    /** kdump, pstore and the previous boot's journal are rescanned this often; 0: never. */
    crashScanSeconds: num(z.number().min(0)).default(60),
    /** vmcore upload chunk: the most file data the agent holds in memory at once. */
    uploadChunkBytes: num(z.number().int().min(65_536).max(MAX_CHUNK)).default(8 * 1024 * 1024),
    logLevel: z.enum(LOG_LEVELS).default("info"),
    /** Stream reconnect and outbox retry: full jitter between 0 and min(max, min·2^n). */
    reconnectMinMs: num(z.number().int().min(1)).default(1_000),
    reconnectMaxMs: num(z.number().int().min(1)).default(60_000),
    /** A stream that stayed open this long resets the backoff. */
    streamHealthySeconds: num(z.number().positive()).default(30),
    /** No byte (not even a keepalive comment) for this long: the stream is dead. */
    streamIdleSeconds: num(z.number().positive()).default(60),
    /** After a 401 (host revoked or unknown) retry this rarely instead of hammering. */
    revokedRetrySeconds: num(z.number().positive()).default(600),
    requestTimeoutSeconds: num(z.number().positive()).default(15),
    /** Facts travel at least this often even when their hash did not change. */
    factsMaxAgeSeconds: num(z.number().positive()).default(300),
    toolTimeoutSeconds: num(z.number().positive()).default(30),
    toolMaxOutputBytes: num(z.number().int().min(1024)).default(4 * 1024 * 1024),
    ledgerMaxEntries: num(z.number().int().min(10)).default(1_000),
    outboxMaxItems: num(z.number().int().min(1)).default(500),
    /** Live tc state is compared with the applied revision this often (and on link up/down); 0: only on link events. */
    driftCheckSeconds: num(z.number().min(0).max(86_400)).default(30),
    /** Re-apply the revision when drift is found, instead of only reporting it. */
    driftRepair: bool.default(false),
  })
  .strict();

export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type AgentConfigInput = z.input<typeof agentConfigSchema>;

export const CONFIG_KEYS = Object.keys(agentConfigSchema.shape) as (keyof AgentConfig)[];

/** `heartbeatSeconds` ↔ `FLEETDECK_AGENT_HEARTBEAT_SECONDS`. */
export function envName(key: string): string {
  return `FLEETDECK_AGENT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export class ConfigError extends Error {}

export function parseConfig(input: Record<string, unknown>): AgentConfig {
  const parsed = agentConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.join(".");
    return key ? `${key}: ${issue.message}` : issue.message;
  });
  throw new ConfigError(`invalid agent config: ${problems.join("; ")}`);
}

export interface LoadConfigOptions {
  /** From --config; beats the environment's FLEETDECK_AGENT_CONFIG. */
  path?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** Defaults, then the JSON file, then FLEETDECK_AGENT_* variables; parsed once. */
export function loadConfig(options: LoadConfigOptions = {}): AgentConfig {
  const env = options.env ?? process.env;
  const explicit = options.path ?? env[CONFIG_PATH_ENV];
  const file = readConfigFile(explicit ?? DEFAULT_CONFIG_PATH, explicit !== undefined);
  const fromEnv: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[envName(key)];
    if (value !== undefined) fromEnv[key] = value;
  }
  return parseConfig({ ...file, ...fromEnv });
}

function readConfigFile(path: string, required: boolean): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    if (missing && !required) return {};
    throw new ConfigError(`cannot read agent config ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`agent config ${path} is not JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ConfigError(`agent config ${path} must be a JSON object`);
  return value as Record<string, unknown>;
}
