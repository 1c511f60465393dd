import { mkdir } from "node:fs/promises";
import type { TcApplyOutput, TcStatus } from "@fleetdeck/protocol";
import { type Logger, errorMessage } from "../log";
import type { CommandRunner } from "../runner/types";
import { CompileCache } from "./compile-cache";
import { CommitConfirm, type AutoRestoreReporter } from "./confirm";
import { DriftWatch } from "./drift-watch";
import type { InterfaceLister } from "./interfaces";
import { type TcPaths, tcPaths } from "./paths";
import {
  type AppliedRecord,
  appendHistory,
  type HistoryLine,
  pruneSnapshots,
  readCurrent,
  restoredRecord,
  readSnapshot,
  writeCurrent,
} from "./records";
import { restoreSnapshot } from "./restore";
import { type TickClock, readTickClock } from "./tick-math";
import { TcTool } from "./tool";
import { type ApplyInput, type ApplyOutcome, recordFor, runApply } from "./transaction";

export interface TcServiceOptions {
  stateDir: string;
  runner: CommandRunner;
  log: Logger;
  interfaces: InterfaceLister;
  bootId(): Promise<string>;
  /** Where /proc/net/psched is read (tc's tick arithmetic for rebuilds). */
  procRoot: string;
  driftCheckSeconds: number;
  driftRepair: boolean;
  /** `ip monitor link` argv; null: no link monitor (dry-run, tests). */
  monitorArgv: string[] | null;
  reporter?: AutoRestoreReporter;
}

export type RestoreTarget = { target: "previous" } | { target: "snapshot"; snapshotId: string };

/** A restore that could not even start (nothing recorded, unknown id). */
export class TcStateError extends Error {}

const KEEP_SNAPSHOTS = 20;

/**
 * The agent's tc subsystem: transactional apply, snapshots and restores, commit-confirm,
 * drift watch, and the status heartbeats carry. Operations run one at a time: a drift
 * repair never interleaves with a command's apply.
 */
export class TcService {
  readonly paths: TcPaths;
  readonly tool: TcTool;
  private current: AppliedRecord | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;
  readonly compiler = new CompileCache();
  private readonly confirm: CommitConfirm;
  readonly drift: DriftWatch;

  private constructor(
    readonly options: TcServiceOptions,
    private readonly clock: TickClock,
  ) {
    this.paths = tcPaths(options.stateDir);
    this.tool = new TcTool(options.runner, this.paths.work);
    this.confirm = new CommitConfirm(this, options.log, options.reporter);
    this.drift = new DriftWatch(this, options);
  }

  static async open(options: TcServiceOptions): Promise<TcService> {
    const service = new TcService(options, await readTickClock(options.procRoot));
    await mkdir(service.paths.snapshots, { recursive: true, mode: 0o700 });
    // An unreadable current.json must not keep the agent from starting: it reports
    // "nothing applied" and the next apply writes a good one.
    service.current = await readCurrent(service.paths).catch((error) => {
      options.log.error("applied/current.json is unreadable; ignoring it", {
        error: errorMessage(error),
      });
      return null;
    });
    return service;
  }

  get dryRun(): boolean {
    return this.options.runner.dryRun;
  }

  get record(): AppliedRecord | null {
    return this.current;
  }

  status(): TcStatus {
    const c = this.current;
    return {
      appliedRevisionId: c?.revisionId ?? null,
      appliedHash: c?.hash ?? null,
      appliedAt: c?.appliedAt ?? null,
      pendingConfirm: c?.confirmDeadline != null,
      drift: this.drift.current,
    };
  }

  /** Arms commit-confirm from current.json (restoring at once if overdue) and starts the drift watch. */
  start(signal: AbortSignal): void {
    this.stopped = false;
    this.confirm.arm(this.current);
    this.drift.start(signal);
  }

  /**
   * No auto-restore from this process any more. An apply still finishing (the agent
   * gives a running command a moment) must not arm one either: its deadline is in
   * current.json, and the next start arms it there.
   */
  stop(): void {
    this.stopped = true;
    this.confirm.disarm();
  }

  /** A heartbeat sent at `sentAt` was accepted: confirms an apply finished before it. */
  serverReached(sentAt: number): void {
    const c = this.current;
    if (!c || c.confirmDeadline === null || c.appliedAt === null || sentAt < c.appliedAt) return;
    void this.exclusive(async () => {
      if (this.current !== c) return;
      this.current = { ...c, confirmDeadline: null };
      await writeCurrent(this.paths, this.current);
      this.confirm.disarm();
      this.options.log.info("tc apply confirmed by the server", { revisionId: c.revisionId });
    }).catch((e) => this.options.log.error("confirm failed", { error: errorMessage(e) }));
  }

  apply(input: ApplyInput, confirmSeconds: number): Promise<ApplyOutcome> {
    return this.exclusive(() => this.applyLocked(input, confirmSeconds, "apply"));
  }

  restore(target: RestoreTarget, event: "restore" | "auto-restore" = "restore") {
    return this.exclusive(() => this.restoreNow(target, event));
  }

  /** Runs `work` after every operation queued before it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => {});
    return run;
  }

  async hostInterfaces(): Promise<string[]> {
    return this.options.interfaces();
  }

  /** Re-reads current.json (a local `tc apply` may have changed it). */
  async reload(): Promise<AppliedRecord | null> {
    this.current = await readCurrent(this.paths);
    return this.current;
  }

  /** Commit-confirm ran out: put back the state before `record`, if it is still pending. */
  autoRestore(record: AppliedRecord) {
    return this.exclusive(async () => {
      const live = await this.reload();
      const pending = live?.confirmDeadline != null && live.appliedAt === record.appliedAt;
      if (!pending || !live?.snapshotId) return null;
      return this.restoreNow({ target: "snapshot", snapshotId: live.snapshotId }, "auto-restore");
    });
  }

  /** The apply itself; the caller holds the lock (`exclusive`), as a drift repair does. */
  async applyLocked(input: ApplyInput, confirmSeconds: number, event: "apply" | "repair") {
    const current = await this.reload();
    const bootId = await this.options.bootId();
    const deps = {
      tool: this.tool,
      clock: this.clock,
      paths: this.paths,
      compiler: this.compiler,
      bootId,
      dryRun: this.dryRun,
      hostInterfaces: () => this.hostInterfaces(),
    };
    const outcome: ApplyOutcome = await runApply(deps, input, current);
    if (!outcome.ok) return outcome;
    const committing = performance.now();
    const now = Date.now();
    const fresh = recordFor(input, outcome, bootId, confirmSeconds, now);
    // A repair puts the same revision back: "previous" and commit-confirm stay as they were.
    const record = event === "repair" && current ? { ...current, bootId } : fresh;
    await this.commit(record, {
      bootId,
      revisionId: record.revisionId,
      hash: record.hash,
      at: now,
      event,
    });
    if (event === "apply") this.drift.reset();
    if (outcome.phases) outcome.phases.commit = performance.now() - committing;
    return outcome;
  }

  private async restoreNow(target: RestoreTarget, event: "restore" | "auto-restore") {
    const current = await this.reload();
    const id = target.target === "previous" ? current?.snapshotId : target.snapshotId;
    if (!id)
      throw new TcStateError("nothing to restore: no state before the current one is recorded");
    const snap = await readSnapshot(this.paths, id);
    if (!snap) throw new TcStateError(`snapshot ${id} not found`);
    const started = performance.now();
    const host = await this.hostInterfaces();
    const outcome = this.dryRun
      ? { ok: true, failingLine: null, differences: [] }
      : await restoreSnapshot({ tool: this.tool, clock: this.clock, hostInterfaces: host }, snap);
    const now = Date.now();
    const bootId = await this.options.bootId();
    const record = restoredRecord(snap.base, now, bootId);
    await this.commit(record, {
      bootId,
      revisionId: record.revisionId,
      hash: record.hash,
      at: now,
      event,
    });
    this.drift.reset();
    const output: TcApplyOutput = {
      revisionId: record.revisionId,
      hash: record.hash,
      applied: outcome.ok,
      restored: outcome.ok,
      failingLine: outcome.failingLine,
      differences: outcome.differences,
      snapshotId: id,
      interfaces: snap.devices.map((d) => d.dev),
      durations: { snapshotMs: 0, applyMs: Math.round(performance.now() - started), readbackMs: 0 },
    };
    return { ok: outcome.ok, output };
  }

  private async commit(record: AppliedRecord, line: HistoryLine): Promise<void> {
    await writeCurrent(this.paths, record);
    await appendHistory(this.paths, line);
    this.current = record;
    if (!this.stopped) this.confirm.arm(record);
    const pinned = new Set([record.snapshotId ?? ""]);
    await pruneSnapshots(this.paths, KEEP_SNAPSHOTS, pinned).catch(() => {});
  }
}
