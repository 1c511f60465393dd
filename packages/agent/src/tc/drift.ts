import type { TcStatus } from "@fleetdeck/protocol";
import { compareState, compilePolicy, formatIssue, parseTcState } from "@fleetdeck/tc";
import type { AppliedRecord } from "./records";
import type { TcTool } from "./tool";

export type Drift = NonNullable<TcStatus["drift"]>;

/** What the heartbeat schema allows: 200 lines of at most 500 characters. */
export function clipDifferences(lines: readonly string[]): string[] {
  return lines.slice(0, 200).map((l) => (l.length > 500 ? `${l.slice(0, 499)}…` : l));
}

/** Live state against the recorded revision, compiled against today's interfaces. */
export async function detectDrift(
  tool: TcTool,
  record: AppliedRecord,
  interfaces: readonly string[],
): Promise<string[]> {
  const compiled = compilePolicy(record.spec, { interfaces });
  if (!compiled.ok)
    return [
      `the applied policy no longer compiles here: ${compiled.errors.map(formatIssue).join("; ")}`,
    ];
  const devices = compiled.plan.devices;
  try {
    const raws = await tool.showMany(devices.map((d) => d.dev));
    return devices.flatMap((d, i) => {
      const raw = raws[i];
      return raw ? compareState(d.tree, parseTcState(raw)) : [`${d.dev}: not read`];
    });
  } catch (error) {
    return [`cannot read tc state: ${(error as Error).message}`];
  }
}

/**
 * The next drift value: a first sighting starts `detectedAt`, a persisting one keeps
 * it; a clean check clears unrepaired drift, while a repaired one stays visible until
 * the next apply or restore so the server sees that it happened.
 */
export function nextDrift(
  previous: Drift | null,
  differences: string[],
  now: number,
): Drift | null {
  if (differences.length === 0) return previous?.repaired ? previous : null;
  const ongoing = previous && !previous.repaired;
  return {
    detectedAt: ongoing ? previous.detectedAt : now,
    differences: clipDifferences(differences),
    repaired: false,
  };
}
