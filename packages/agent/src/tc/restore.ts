import { type Argv, type CompiledPolicy, compilePolicy } from "@fleetdeck/tc";
import { describeFailure } from "./batch-errors";
import { compareNormalised, normaliseDevice } from "./normalise";
import { rebuildDevice, resetLines } from "./rebuild";
import type { SnapshotFile } from "./records";
import type { TickClock } from "./tick-math";
import type { TcTool } from "./tool";

export interface RestoreContext {
  tool: TcTool;
  clock: TickClock;
  hostInterfaces: readonly string[];
}

export interface RestoreOutcome {
  /** Every device reads back equal to its snapshot (counters aside). */
  ok: boolean;
  failingLine: string | null;
  differences: string[];
}

export function compileRecord(spec: unknown, interfaces: readonly string[]): CompiledPolicy | null {
  if (spec === null || spec === undefined) return null;
  const compiled = compilePolicy(spec, { interfaces });
  return compiled.ok ? compiled.plan : null;
}

/**
 * Puts every device of `snap` back: all are reset first (deletes, -force), then
 * "revision" devices get the recorded revision's batch again, "foreign" ones a rebuild
 * from their captured state, "default" ones nothing more; devices that did not exist
 * (an IFB the apply created) are deleted. The rebuild batch runs with -force so one
 * refused line does not leave the rest undone. Then each device is read back and
 * compared with its snapshot; any difference is reported.
 */
export async function restoreSnapshot(
  ctx: RestoreContext,
  snap: SnapshotFile,
): Promise<RestoreOutcome> {
  const present = new Set(ctx.hostInterfaces);
  const basePlan = compileRecord(snap.base?.spec, ctx.hostInterfaces);
  const differences: string[] = [];
  const reset: Argv[] = [];
  const rebuild: Argv[] = [];
  for (const d of snap.devices) {
    if (d.prior === "absent" || !d.raw) continue;
    if (!present.has(d.dev)) {
      differences.push(`${d.dev}: no longer exists; not restored`);
      continue;
    }
    reset.push(...resetLines(d.dev));
    const planned = d.prior === "revision" ? basePlan?.devices.find((p) => p.dev === d.dev) : null;
    if (d.prior === "default") continue;
    if (planned) {
      rebuild.push(...planned.batch);
      continue;
    }
    const plan = rebuildDevice(d.raw, ctx.clock);
    differences.push(...plan.problems);
    rebuild.push(...plan.lines);
  }
  await ctx.tool.batch(reset, true);
  const outcome = await ctx.tool.batch(rebuild, true);
  const failures = outcome.failures.map(describeFailure);
  if (outcome.error) differences.push(`restore batch: ${outcome.error}`);
  differences.push(...failures.map((f) => `restore refused ${f}`));
  for (const d of snap.devices) {
    if (d.prior !== "absent" || !present.has(d.dev)) continue;
    await ctx.tool.deleteLink(d.dev).catch((e: Error) => differences.push(e.message));
  }
  differences.push(...(await verify(ctx, snap, present)));
  return { ok: differences.length === 0, failingLine: failures[0] ?? null, differences };
}

async function verify(ctx: RestoreContext, snap: SnapshotFile, present: Set<string>) {
  const kept = snap.devices.filter((d) => d.raw && present.has(d.dev));
  const now = await ctx.tool.showMany(kept.map((d) => d.dev));
  return kept.flatMap((d, i) => {
    const after = now[i];
    if (!d.raw || !after) return [`${d.dev}: not read back`];
    return compareNormalised(d.dev, normaliseDevice(d.raw), normaliseDevice(after));
  });
}
