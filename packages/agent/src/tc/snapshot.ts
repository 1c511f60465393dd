import { randomBytes } from "node:crypto";
import { type CompiledPolicy, compareState, type DeviceState, parseTcState } from "@fleetdeck/tc";
import type { AppliedRecord, PriorState, RawDevice, SnapshotFile } from "./records";
import type { TcTool } from "./tool";

/** Sortable by name (prune keeps the newest) and safe as a file name. */
export function newSnapshotId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").replace(".", "").slice(0, 18);
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

/**
 * How a restore will put this device back: "default" (nothing but kernel defaults:
 * delete what was added), "revision" (the recorded revision, read back without drift:
 * re-apply it), else "foreign" (rebuild from the captured state).
 */
export function classify(
  raw: RawDevice,
  state: DeviceState,
  basePlan: CompiledPolicy | null,
): PriorState {
  const plain =
    state.qdiscs.every((q) => q.handle === "0:") &&
    state.filters.length === 0 &&
    (raw.clsactEgressFilter ?? "").trim().replace(/^\[\]$/, "") === "";
  if (plain) return "default";
  const planned = basePlan?.devices.find((d) => d.dev === raw.dev);
  if (planned && compareState(planned.tree, state).length === 0) return "revision";
  return "foreign";
}

export interface CaptureInput {
  tool: TcTool;
  devices: readonly string[];
  hostInterfaces: readonly string[];
  base: AppliedRecord | null;
  basePlan: CompiledPolicy | null;
  bootId: string;
  now: number;
}

/** Reads every target device and says how each would be restored (parsed states too). */
export async function captureSnapshot(
  input: CaptureInput,
): Promise<{ snapshot: SnapshotFile; states: Map<string, DeviceState> }> {
  const raws = await input.tool.showMany(presentDevices(input));
  return snapshotFrom(input, raws, input.tool.stateOf);
}

/** The devices of `input` to read: each once, those that exist. */
export function presentDevices(input: Omit<CaptureInput, "tool">): string[] {
  const present = new Set(input.hostInterfaces);
  return [...new Set(input.devices)].filter((dev) => present.has(dev));
}

/** The snapshot of `input.devices` from their listings (`raws`, read by the caller). */
export function snapshotFrom(
  input: Omit<CaptureInput, "tool">,
  raws: readonly RawDevice[],
  parse: (raw: RawDevice) => DeviceState = parseTcState,
): { snapshot: SnapshotFile; states: Map<string, DeviceState> } {
  const byDev = new Map(raws.map((r) => [r.dev, r]));
  const states = new Map(raws.map((r) => [r.dev, parse(r)]));
  const devices = [...new Set(input.devices)].map((dev) => {
    const raw = byDev.get(dev);
    const state = states.get(dev);
    if (!raw || !state) return { dev, prior: "absent" as const, raw: null };
    return { dev, prior: classify(raw, state, input.basePlan), raw };
  });
  const snapshot: SnapshotFile = {
    v: 1,
    id: newSnapshotId(input.now),
    takenAt: input.now,
    bootId: input.bootId,
    base: input.base,
    devices,
  };
  return { snapshot, states };
}
