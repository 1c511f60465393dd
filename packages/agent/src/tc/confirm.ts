import type { TcApplyOutput } from "@fleetdeck/protocol";
import { errorMessage, type Logger } from "../log";
import type { AppliedRecord } from "./records";

export interface AutoRestoreReport {
  /** The snapshot the apply took, also in that apply's result output. */
  snapshotId: string;
  error: string;
  output: TcApplyOutput;
}

/**
 * Tells the server about an auto-restore. Returns "result" when the apply's result was
 * still waiting in the outbox and now says failed, "heartbeat" when it had already been
 * delivered (the next heartbeats then carry the restored revision, pendingConfirm false).
 */
export interface AutoRestoreReporter {
  autoRestored(report: AutoRestoreReport): Promise<"result" | "heartbeat">;
}

interface Restorer {
  autoRestore(record: AppliedRecord): Promise<{ ok: boolean; output: TcApplyOutput } | null>;
}

/**
 * The dead-man switch after an apply: unless a heartbeat reaches the server before
 * `confirmDeadline` (kept in current.json, so a restart re-arms it, or restores at once
 * when it passed while the agent was down), the snapshot is put back.
 */
export class CommitConfirm {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly restorer: Restorer,
    private readonly log: Logger,
    private readonly reporter: AutoRestoreReporter | undefined,
  ) {}

  arm(record: AppliedRecord | null): void {
    this.disarm();
    if (record?.confirmDeadline == null) return;
    const wait = Math.max(0, record.confirmDeadline - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.expire(record).catch((e) =>
        this.log.error("auto-restore failed", { error: errorMessage(e) }),
      );
    }, wait);
    this.timer.unref();
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async expire(record: AppliedRecord): Promise<void> {
    const restored = await this.restorer.autoRestore(record);
    if (!restored || !record.snapshotId) return;
    const error = `auto-restored: server unreachable for ${record.confirmSeconds}s after apply`;
    const output: TcApplyOutput = {
      ...restored.output,
      revisionId: record.revisionId,
      hash: record.hash,
      applied: false,
      restored: restored.ok,
      snapshotId: record.snapshotId,
    };
    const via = this.reporter
      ? await this.reporter.autoRestored({ snapshotId: record.snapshotId, error, output })
      : "heartbeat";
    this.log.warn("tc apply not confirmed in time: restored the previous state", {
      revisionId: record.revisionId,
      restored: restored.ok,
      reportedVia: via,
    });
  }
}
