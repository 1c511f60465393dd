import { type DeviceState, parseTcState } from "@fleetdeck/tc";
import type { PriorState } from "./records";
import { writeSnapshot } from "./records";
import { compileRecord } from "./restore";
import type { TcService } from "./service";
import { captureSnapshot } from "./snapshot";

export interface SnapshotSummary {
  snapshotId: string;
  takenAt: number;
  devices: { dev: string; prior: PriorState; state: DeviceState | null }[];
}

/** parseTcState without counters: the configuration only. */
export function withoutStats(state: DeviceState): DeviceState {
  return { ...state, qdiscs: state.qdiscs.map(({ stats: _stats, ...q }) => q) };
}

const MAX_DEVICES = 256;

/** `tc.snapshot`: capture and store the named interfaces (default: all of them). */
export function takeSnapshot(tc: TcService, only?: readonly string[]): Promise<SnapshotSummary> {
  return tc.exclusive(async () => {
    const host = await tc.hostInterfaces();
    const devices = (only && only.length > 0 ? [...only] : host).slice(0, MAX_DEVICES);
    const base = await tc.reload();
    const { snapshot: snap } = await captureSnapshot({
      tool: tc.tool,
      devices,
      hostInterfaces: host,
      base,
      basePlan: compileRecord(base?.spec, host),
      bootId: await tc.options.bootId(),
      now: Date.now(),
    });
    await writeSnapshot(tc.paths, snap);
    return {
      snapshotId: snap.id,
      takenAt: snap.takenAt,
      devices: snap.devices.map((d) => ({
        dev: d.dev,
        prior: d.prior,
        state: d.raw ? withoutStats(parseTcState(d.raw)) : null,
      })),
    };
  });
}
