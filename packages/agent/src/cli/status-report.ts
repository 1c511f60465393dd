import { readLedgerEntries } from "../ledger";
import { outboxCounts } from "../outbox";
import { type EnrollmentFile, readEnrollment } from "../state/identity";
import type { StatePaths } from "../state/paths";
import { type AgentStatus, processAlive, readStatusFile } from "../state/status";

const RECENT_COMMANDS = 10;

export interface StatusReport {
  enrolled: boolean;
  stateDir: string;
  enrollment: Omit<EnrollmentFile, "v"> | null;
  /** What the daemon last wrote; `running` is false when its process is gone. */
  daemon: (AgentStatus & { alive: boolean }) | null;
  outbox: { queued: number; dropped: number };
  recentCommands: {
    id: string;
    type: string;
    startedAt: number;
    state: string;
    rejection: string | null;
    error: string | null;
  }[];
}

/** Everything `status` shows, read from the state dir alone (the daemon need not run). */
export async function buildStatusReport(paths: StatePaths): Promise<StatusReport> {
  const [enrollment, daemon, outbox, ledger] = await Promise.all([
    readEnrollment(paths),
    readStatusFile(paths.status),
    outboxCounts(paths.outbox),
    readLedgerEntries(paths.ledger).catch(() => []),
  ]);
  const running = daemon?.running === true && processAlive(daemon.pid);
  return {
    enrolled: enrollment !== null,
    stateDir: paths.dir,
    enrollment: enrollment && (({ v: _v, ...rest }) => rest)(enrollment),
    daemon: daemon && { ...daemon, alive: running },
    outbox,
    recentCommands: ledger
      .slice(-RECENT_COMMANDS)
      .reverse()
      .map((e) => ({
        id: e.id,
        type: e.type,
        startedAt: e.startedAt,
        state: e.result?.state ?? "running",
        rejection: e.result?.rejection ?? null,
        error: e.result?.error ?? null,
      })),
  };
}
