import type { Argv } from "@fleetdeck/tc";
import type { BatchFailure } from "./batch-errors";
import type { RawDevice } from "./records";
import { SHOWS_PER_DEVICE, showLines, splitPrefix } from "./show-batch";
import { SHOW_FLAGS, type TcTool } from "./tool";

/**
 * A whole apply as ONE `tc -d -j -batch FILE` run (no -force), in four parts:
 *
 *   snapshot   the listings of every device the apply may change (show-batch.ts)
 *   teardown   lines that cannot fail, or fail only on a wrong guess (teardown.ts)
 *   apply      the compiled batch, as the stepwise path runs it
 *   read-back  the listings of every device again
 *
 * tc prints (and flushes) each listing as its line runs and stops at the first
 * refused line ("Command failed FILE:N"), so whatever happens the listings printed
 * before any change are the snapshot, and N says which part stopped. This module
 * only runs and splits; transaction.ts decides what a stop means.
 */
export interface OnceInput {
  tool: TcTool;
  /** Devices to snapshot: each once, all existing. */
  before: readonly string[];
  teardown: readonly Argv[];
  batch: readonly Argv[];
  /** Devices to read back after the batch. */
  after: readonly string[];
}

export type OncePart = "snapshot" | "teardown" | "apply" | "read-back";

export interface OnceRun {
  /** The snapshot listings; null when tc stopped before they were all printed, or
   * printed something that does not split. */
  before: RawDevice[] | null;
  /** The read-back listings; null unless tc ran to the end and they split. */
  after: RawDevice[] | null;
  /** The part tc stopped in: where its refused line was, "unknown" when it ended
   * badly without naming one (timeout, killed), null when it ran to the end. */
  stoppedIn: OncePart | "unknown" | null;
  /** The refused line, numbered within its part (an apply line as in the compiled batch). */
  failure: BatchFailure | null;
  /** A line that changes the kernel may have run: the state may differ from `before`. */
  changed: boolean;
  /** The runner's error or tc's exit, for a stop without a refused line. */
  error: string | null;
  /** Time in the tc process (spawn included), ms. */
  tcMs: number;
}

export async function applyOnce(input: OnceInput): Promise<OnceRun> {
  const snapShows = showLines(input.before);
  const readShows = showLines(input.after);
  const parts: [OncePart, number][] = [
    ["snapshot", snapShows.length],
    ["teardown", input.teardown.length],
    ["apply", input.batch.length],
    ["read-back", readShows.length],
  ];
  const lines = [...snapShows, ...input.teardown, ...input.batch, ...readShows];
  const started = performance.now();
  const { run, failures, failedAt, showsRan } = await input.tool.runLines(lines, SHOW_FLAGS);
  const tcMs = performance.now() - started;
  const clean = run.exitCode === 0 && run.error === null && failedAt === null;
  const located = failedAt === null ? null : locate(parts, failedAt);
  const stoppedIn = clean ? null : (located?.part ?? "unknown");
  const first = failures[0];
  const failure = first && located ? { ...first, line: located.line } : null;
  const error = clean || failure ? null : (run.error ?? `tc exited with ${run.exitCode}`);
  // Every line before the first teardown line is a listing: nothing changed until then.
  const changed = failedAt === null ? true : failedAt > snapShows.length + 1;

  if (stoppedIn === "unknown") {
    // No line named: only a format a whole run established splits a cut-short output.
    const format = input.tool.classFormat;
    const outputs = format ? splitPrefix(run.stdout, snapShows, format) : null;
    const before = outputs ? input.tool.assemble(input.before, outputs) : null;
    const printed = run.stdout.split("\n").filter((l) => l.startsWith("[")).length;
    // Fewer JSON lines than the snapshot part prints in any format: tc never got past it.
    const past = printed >= (SHOWS_PER_DEVICE - 1) * input.before.length;
    return { before, after: null, stoppedIn, failure, changed: past, error, tcMs };
  }
  const split = input.tool.split(run.stdout, showsRan);
  if (!split || showsRan.length < snapShows.length)
    return { before: null, after: null, stoppedIn, failure, changed, error, tcMs };
  const before = input.tool.assemble(input.before, split.outputs.slice(0, snapShows.length));
  const rest = split.outputs.slice(snapShows.length);
  const after = rest.length === readShows.length ? input.tool.assemble(input.after, rest) : null;
  return {
    before,
    after: stoppedIn === null ? after : null,
    stoppedIn,
    failure,
    changed,
    error,
    tcMs,
  };
}

/** The part line `n` (1-based, whole file) is in, and its number within that part. */
function locate(parts: [OncePart, number][], n: number): { part: OncePart; line: number } {
  let offset = 0;
  for (const [part, count] of parts) {
    if (n <= offset + count) return { part, line: n - offset };
    offset += count;
  }
  return { part: "read-back", line: n - offset };
}
