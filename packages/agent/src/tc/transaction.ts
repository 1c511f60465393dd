import type { TcApplyOutput } from "@fleetdeck/protocol";
import {
  type Argv,
  type CompiledPolicy,
  compareState,
  type DeviceState,
  formatIssue,
} from "@fleetdeck/tc";
import { applyOnce, type OnceRun } from "./apply-once";
import { describeFailure } from "./batch-errors";
import type { CompileCache } from "./compile-cache";
import type { TcPaths } from "./paths";
import { resetLines } from "./rebuild";
import { type AppliedRecord, type RawDevice, type SnapshotFile, writeSnapshot } from "./records";
import { sameConfiguration } from "./normalise";
import { restoreSnapshot } from "./restore";
import { type CaptureInput, captureSnapshot, presentDevices, snapshotFrom } from "./snapshot";
import { onceTeardown, slotGuess } from "./teardown";
import type { TickClock } from "./tick-math";
import type { TcTool } from "./tool";

export interface ApplyInput {
  revisionId: string;
  policyName: string;
  hash: string;
  spec: unknown;
}

export interface TransactionDeps {
  tool: TcTool;
  clock: TickClock;
  paths: TcPaths;
  hostInterfaces(): Promise<string[]>;
  compiler: CompileCache;
  bootId: string;
  dryRun: boolean;
}

export interface ApplyOutcome {
  ok: boolean;
  /** One line for the command result's `error` when not ok. */
  error: string | null;
  output: TcApplyOutput & { note?: string };
  snapshot: SnapshotFile | null;
  /** Finer steps than `output.durations` (ms), for the bench; `path` says which way it went. */
  phases?: Record<string, number | string>;
}

const DRY_RUN_NOTE = "dry-run: tc commands were recorded, not executed; nothing was read back";

/** Milliseconds per named step of one transaction. */
class Phases {
  readonly steps: Record<string, number | string> = {};
  private mark = performance.now();

  /** Ends the current step as `name` (added to what the name already has). */
  end(name: string): number {
    const now = performance.now();
    const ms = now - this.mark;
    this.mark = now;
    this.steps[name] = ((this.steps[name] as number | undefined) ?? 0) + ms;
    return ms;
  }
}

/** Everything one apply knows once its policy compiled. */
interface Tx {
  deps: TransactionDeps;
  plan: CompiledPolicy;
  basePlan: CompiledPolicy | null;
  /** Devices the revision in force shaped that this one drops: back to the kernel default. */
  dropped: string[];
  /** "delete if present" lines (run with -force by the stepwise path). */
  teardown: Argv[];
  capture: Omit<CaptureInput, "tool">;
  output: TcApplyOutput;
  durations: TcApplyOutput["durations"];
  phases: Phases;
}

/**
 * One apply, all or nothing: resolve and compile against this host's interfaces;
 * snapshot every device it touches; create IFBs; teardown then the batch; read back
 * and compare with the compiled trees. On a refused line or any difference, the
 * snapshot is restored and the outcome says why. Devices the previous revision shaped
 * and this one does not mention are reset to the kernel default.
 *
 * The usual way is one tc process for snapshot, teardown, batch and read-back
 * (apply-once.ts); the stepwise way (a tc run per step) is kept for dry-run, for runs
 * whose teardown guess was wrong, and when the single run stopped before changing
 * anything.
 */
export async function runApply(
  deps: TransactionDeps,
  input: ApplyInput,
  current: AppliedRecord | null,
): Promise<ApplyOutcome> {
  const phases = new Phases();
  const durations = { snapshotMs: 0, applyMs: 0, readbackMs: 0 };
  const host = await deps.hostInterfaces();
  const compiled = deps.compiler.compile(input.spec, host);
  const output = {
    revisionId: input.revisionId,
    hash: input.hash,
    applied: false,
    restored: false,
    failingLine: null,
    differences: [] as string[],
    snapshotId: null,
    interfaces: [] as string[],
    durations,
  };
  if (!compiled.ok) {
    const why = compiled.errors.map(formatIssue);
    return {
      ok: false,
      error: `policy does not compile here: ${why.join("; ")}`,
      output: { ...output, differences: why },
      snapshot: null,
    };
  }
  const plan = compiled.plan;
  const targets = plan.devices.map((d) => d.dev);
  const baseCompiled = current?.spec == null ? null : deps.compiler.compile(current.spec, host);
  const basePlan = baseCompiled?.ok ? baseCompiled.plan : null;
  const dropped = (basePlan?.devices ?? [])
    .map((d) => d.dev)
    .filter(
      (dev) => !targets.includes(dev) && host.includes(dev) && !basePlan?.ifbDevices.includes(dev),
    );
  const tx: Tx = {
    deps,
    plan,
    basePlan,
    dropped,
    teardown: [...plan.teardown, ...dropped.flatMap(resetLines)],
    capture: {
      devices: [...targets, ...dropped],
      hostInterfaces: host,
      base: current,
      basePlan,
      bootId: deps.bootId,
      now: Date.now(),
    },
    output: { ...output, interfaces: targets },
    durations,
    phases,
  };
  phases.end("compile");
  const once = deps.dryRun ? null : await applyInOneRun(tx);
  const outcome = once ?? (await applyStepwise(tx));
  outcome.phases = { ...phases.steps, path: once ? "one tc run" : "stepwise" };
  return outcome;
}

/**
 * The single run. Null when it did not change anything and the stepwise way should
 * do the whole apply instead (tc stopped inside the snapshot part, an IFB could not
 * be created, a teardown line of unknown form).
 */
async function applyInOneRun(tx: Tx): Promise<ApplyOutcome | null> {
  const { deps, plan, phases } = tx;
  const teardown = onceTeardown(
    tx.teardown,
    slotGuess((d) => deps.tool.lastSlot(d), tx.basePlan),
  );
  if (!teardown) return null;
  // The batch names the IFBs, so they exist before it runs. One that cannot be made
  // is left to the stepwise way: it tries again and, failing, restores (deleting the
  // IFBs made here, which its snapshot, taken from `host`, lists as absent).
  for (const ifb of plan.ifbDevices) {
    try {
      if (!tx.capture.hostInterfaces.includes(ifb)) await deps.tool.addIfb(ifb);
      await deps.tool.linkUp(ifb);
    } catch {
      return null;
    }
  }
  const before = presentDevices(tx.capture);
  const running = applyOnce({
    tool: deps.tool,
    before,
    teardown,
    batch: plan.batch,
    after: readBackDevices(tx),
  });
  // While tc runs: the snapshot as the tool last read these devices, stored now and
  // kept if tc's own listings show the same configuration (see "Durability" below).
  const guessed = process.env.NOGUESS ? null : predictSnapshot(tx, before);
  const early = guessed ? settle(writeSnapshot(deps.paths, guessed)) : null;
  phases.end("prepare");
  const run = await running;
  phases.steps.tcProcess = run.tcMs;
  phases.end("tc");
  tx.durations.applyMs = Math.round(run.tcMs);
  if (!run.before) {
    await early;
    return run.changed ? lostSnapshot(tx, run) : null;
  }
  /*
   * Durability. The stepwise way stores the snapshot before changing anything; here
   * the listings exist only once tc has run. The snapshot is stored from what the tool
   * read last (the previous read-back, a drift check) while tc runs, and kept when
   * tc's listings show the same configuration (counters aside, as restores compare);
   * else tc's listings are stored over it under the same id. Either way the write is
   * awaited before any outcome: no apply is reported (nor current.json written by the
   * caller) before its snapshot is on disk. A crash between tc and that write leaves
   * the new tree with current.json still naming the revision before (and the command
   * "interrupted" in the ledger): drift is then reported against that revision, and
   * drift repair or a new apply puts a known tree back. Only a foreign tree that was
   * there before is lost in that window, and the stepwise snapshot would not have
   * helped: nothing pointed at it, the interrupted result never carried its id. A
   * write that fails undoes the apply (the snapshot is still in memory).
   */
  const kept = guessed !== null && sameReadings(guessed, run.before);
  const snapshot = kept
    ? guessed
    : {
        ...snapshotFrom(tx.capture, run.before, deps.tool.stateOf).snapshot,
        ...(guessed ? { id: guessed.id } : {}),
      };
  // A guess that missed is overwritten only once its own write is done: renames in order.
  const written = kept
    ? early
    : (early ?? Promise.resolve(null)).then(() => settle(writeSnapshot(deps.paths, snapshot)));
  phases.steps.snapshotFrom = kept ? "last reading" : "tc listings";
  tx.output.snapshotId = snapshot.id;
  const stored = async () => {
    const error = await written;
    phases.end("snapshotWrite");
    return error;
  };
  phases.end("snapshot");
  tx.durations.snapshotMs = Math.round(
    (phases.steps.compile as number) +
      (phases.steps.prepare as number) +
      (phases.steps.snapshot as number),
  );
  const failure = run.failure ? describeFailure(run.failure) : null;
  switch (run.stoppedIn) {
    case "teardown": {
      // A guess about an ingress slot was wrong (or a device went away): the snapshot
      // is in hand, so the stepwise way takes over from its teardown.
      const error = await stored();
      if (error) return undo(tx, snapshot, `cannot store the snapshot: ${error.message}`, null, []);
      phases.steps.continued = `stepwise from the teardown (${failure})`;
      return applyAndVerify(tx, snapshot, tx.teardown);
    }
    case "apply":
    case "unknown": {
      await stored();
      const why = failure ? `tc refused ${failure}` : `tc -batch failed: ${run.error}`;
      return undo(tx, snapshot, why, failure, []);
    }
    case "snapshot":
    case "read-back":
    case null:
      break;
    default:
      return run.stoppedIn satisfies never;
  }
  // tc stopped in the read-back part (a device went away?): read again, as stepwise.
  const after =
    run.after ??
    (await deps.tool.showMany(readBackDevices(tx)).catch(async (error: Error) => {
      await written;
      throw error;
    }));
  const differences = compareAfter(tx, after);
  phases.end("readback");
  tx.durations.readbackMs = Math.round(phases.steps.readback as number);
  const error = await stored();
  if (error) return undo(tx, snapshot, `cannot store the snapshot: ${error.message}`, null, []);
  if (differences.length > 0) return differs(tx, snapshot, differences);
  return { ok: true, error: null, output: { ...tx.output, applied: true }, snapshot };
}

/** The stepwise way: snapshot stored first, IFBs, teardown (-force), batch, read-back. */
async function applyStepwise(tx: Tx): Promise<ApplyOutcome> {
  const { deps, phases } = tx;
  const { snapshot, states } = await captureSnapshot({ tool: deps.tool, ...tx.capture });
  await writeSnapshot(deps.paths, snapshot);
  tx.output.snapshotId = snapshot.id;
  tx.durations.snapshotMs = Math.round(phases.end("snapshot") + (phases.steps.compile as number));
  for (const ifb of tx.plan.ifbDevices) {
    try {
      if (!tx.capture.hostInterfaces.includes(ifb)) await deps.tool.addIfb(ifb);
      await deps.tool.linkUp(ifb);
    } catch (error) {
      tx.durations.applyMs = Math.round(phases.end("apply"));
      return undo(
        tx,
        snapshot,
        `cannot set up IFB device ${ifb}: ${(error as Error).message}`,
        null,
        [],
      );
    }
  }
  return applyAndVerify(tx, snapshot, needed(tx.teardown, states));
}

/** Teardown (-force), the batch, read-back and compare, each its own tc run. */
async function applyAndVerify(
  tx: Tx,
  snapshot: SnapshotFile,
  teardown: Argv[],
): Promise<ApplyOutcome> {
  const { deps, phases } = tx;
  await deps.tool.batch(teardown, true);
  const run = await deps.tool.batch(tx.plan.batch, false);
  tx.durations.applyMs += Math.round(phases.end("apply"));
  if (!run.ok) {
    const first = run.failures[0];
    const line = first ? describeFailure(first) : null;
    const why = line ? `tc refused ${line}` : `tc -batch failed: ${run.error ?? run.stderr.trim()}`;
    return undo(tx, snapshot, why, line, []);
  }
  if (deps.dryRun)
    return {
      ok: true,
      error: null,
      output: { ...tx.output, applied: true, note: DRY_RUN_NOTE },
      snapshot,
    };
  const differences = compareAfter(tx, await deps.tool.showMany(readBackDevices(tx)));
  tx.durations.readbackMs = Math.round(phases.end("readback"));
  if (differences.length > 0) return differs(tx, snapshot, differences);
  return { ok: true, error: null, output: { ...tx.output, applied: true }, snapshot };
}

/** The planned devices, then the dropped ones (which must read back as the default). */
function readBackDevices(tx: Tx): string[] {
  return [...tx.plan.devices.map((d) => d.dev), ...tx.dropped];
}

function compareAfter(tx: Tx, after: readonly RawDevice[]): string[] {
  const wanted = [...tx.plan.devices.map((d) => d.tree), ...tx.dropped.map((dev) => ({ dev }))];
  return wanted.flatMap((tree, i) => {
    const raw = after[i];
    return raw ? compareState(tree, tx.deps.tool.stateOf(raw)) : [];
  });
}

function differs(tx: Tx, snapshot: SnapshotFile, differences: string[]) {
  return undo(
    tx,
    snapshot,
    `read-back differs from the policy (${differences.length} differences)`,
    null,
    differences,
  );
}

/** Restores `snapshot` after a failed apply; the outcome says why and how that went. */
async function undo(
  tx: Tx,
  snapshot: SnapshotFile,
  error: string,
  failingLine: string | null,
  differences: string[],
): Promise<ApplyOutcome> {
  const { deps } = tx;
  const ctx = { tool: deps.tool, clock: deps.clock, hostInterfaces: await deps.hostInterfaces() };
  // A restore that throws (tc gone, a timeout) is still an answer: incomplete.
  const restore = await restoreSnapshot(ctx, snapshot).catch((e: Error) => ({
    ok: false,
    failingLine: null,
    differences: [`restore failed: ${e.message}`],
  }));
  tx.phases.end("restore");
  const tail = restore.ok
    ? "the previous state was restored"
    : `RESTORE INCOMPLETE (${restore.differences.length} differences)`;
  return {
    ok: false,
    error: `${error}; ${tail}`,
    output: {
      ...tx.output,
      restored: restore.ok,
      failingLine,
      differences: [...differences, ...restore.differences.map((d) => `restore: ${d}`)],
    },
    snapshot,
  };
}

/**
 * The single run changed the kernel but its listings did not split (tc printed a
 * shape nothing here expects, or stopped without saying where before they could be
 * read): there is no snapshot to restore. Said plainly; the live state is then
 * reported as drift against the revision still in force.
 */
function lostSnapshot(tx: Tx, run: OnceRun): ApplyOutcome {
  const why = run.error ?? (run.failure ? `tc refused ${describeFailure(run.failure)}` : null);
  return {
    ok: false,
    error: `the state before the apply could not be read from tc's output${why ? ` (${why})` : ""}; nothing was restored`,
    output: { ...tx.output, failingLine: run.failure ? describeFailure(run.failure) : null },
    snapshot: null,
  };
}

/** The snapshot from the tool's last reading of every device in `before`, if it has one. */
function predictSnapshot(tx: Tx, before: readonly string[]): SnapshotFile | null {
  const raws = before.map((dev) => tx.deps.tool.lastRead(dev));
  if (raws.some((r) => r === undefined)) return null;
  return snapshotFrom(tx.capture, raws as RawDevice[], tx.deps.tool.stateOf).snapshot;
}

/**
 * `guessed` holds the same configuration as tc's listings (`raws`, one per existing
 * device, in order): then its priors are the ones `raws` would give too.
 */
function sameReadings(guessed: SnapshotFile, raws: readonly RawDevice[]): boolean {
  const read = guessed.devices.filter((d) => d.raw !== null);
  if (read.length !== raws.length) return false;
  return read.every((d, i) => {
    const raw = raws[i];
    return d.raw !== null && raw !== undefined && sameConfiguration(d.raw, raw);
  });
}

/** The promise's error as a value (null when it worked): awaited later, never unhandled. */
function settle(work: Promise<unknown>): Promise<Error | null> {
  return work.then(
    () => null,
    (error: Error) => error,
  );
}

/**
 * Teardown lines are "delete if present"; the snapshot says what is present, so lines
 * that can only fail are left out (often the whole teardown run). A device the snapshot
 * did not read keeps all its lines.
 */
export function needed(teardown: Argv[], state: ReadonlyMap<string, DeviceState>): Argv[] {
  return teardown.filter((argv) => {
    const [what, verb, , dev, slot] = argv;
    const s = dev === undefined ? null : state.get(dev);
    if (what !== "qdisc" || verb !== "del" || !s) return true;
    if (slot === "root") return s.qdiscs.some((q) => q.parent === "root" && q.handle !== "0:");
    if (slot === "ingress" || slot === "clsact") return s.qdiscs.some((q) => q.kind === slot);
    return true;
  });
}

export function recordFor(
  input: ApplyInput,
  outcome: ApplyOutcome,
  bootId: string,
  confirmSeconds: number,
  now: number,
): AppliedRecord {
  return {
    revisionId: input.revisionId,
    hash: input.hash,
    policyName: input.policyName,
    spec: input.spec,
    interfaces: outcome.output.interfaces,
    appliedAt: now,
    bootId,
    snapshotId: outcome.snapshot?.id ?? null,
    confirmDeadline: confirmSeconds > 0 ? now + confirmSeconds * 1000 : null,
    confirmSeconds,
  };
}
