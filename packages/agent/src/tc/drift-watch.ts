import { Waker } from "../backoff";
import { errorMessage, type Logger } from "../log";
import { type Drift, detectDrift, nextDrift } from "./drift";
import { watchLinks } from "./link-monitor";
import type { TcService } from "./service";

export interface DriftOptions {
  driftCheckSeconds: number;
  driftRepair: boolean;
  monitorArgv: string[] | null;
  log: Logger;
}

const DAY_MS = 86_400_000;

/** Checks live state against the applied revision on a timer and on link changes. */
export class DriftWatch {
  current: Drift | null = null;
  private readonly waker = new Waker();

  constructor(
    private readonly service: TcService,
    private readonly options: DriftOptions,
  ) {}

  start(signal: AbortSignal): void {
    if (this.service.dryRun) return;
    void this.loop(signal);
    const argv = this.options.monitorArgv;
    if (argv) void watchLinks(argv, () => this.waker.wake(), this.options.log, signal);
  }

  /** A fresh apply or restore: whatever drifted before is history. */
  reset(): void {
    this.current = null;
  }

  /** One check (and repair, when configured); returns the drift now reported. */
  check(): Promise<Drift | null> {
    if (this.service.dryRun) return Promise.resolve(null);
    return this.service.exclusive(async () => {
      const record = await this.service.reload();
      if (!record?.revisionId || record.spec === null || record.spec === undefined) {
        this.current = null;
        return null;
      }
      const interfaces = await this.service.hostInterfaces();
      const differences = await detectDrift(this.service.tool, record, interfaces);
      this.current = nextDrift(this.current, differences, Date.now());
      if (differences.length === 0 || !this.options.driftRepair || !this.current)
        return this.current;
      const input = {
        revisionId: record.revisionId,
        policyName: record.policyName ?? "",
        hash: record.hash ?? "",
        spec: record.spec,
      };
      const outcome = await this.service.applyLocked(input, 0, "repair");
      if (outcome.ok) this.current = { ...this.current, repaired: true };
      else this.options.log.warn("drift repair failed", { error: outcome.error });
      return this.current;
    });
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const every =
      this.options.driftCheckSeconds > 0 ? this.options.driftCheckSeconds * 1000 : DAY_MS;
    while (!signal.aborted) {
      await this.check().catch((e) =>
        this.options.log.warn("drift check failed", { error: errorMessage(e) }),
      );
      await this.waker.wait(every, signal);
    }
  }
}
