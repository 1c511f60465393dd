import type { FilterNode } from "../compile/tree";
import { u32KeysFor } from "../compile/u32-keys";
import type { Action, Filter } from "../model/filter";
import { type Differences, rateDiffers, sizeDiffers } from "./tolerance";
import type { ActionState, FilterState, U32Key } from "./types";

const keyText = (keys: readonly U32Key[]) =>
  [...keys]
    .sort((a, b) => a.off - b.off || a.value - b.value)
    .map(
      (k) =>
        `${k.value.toString(16).padStart(8, "0")}/${k.mask.toString(16).padStart(8, "0")} at ${k.off}`,
    )
    .join(", ");

function flowerExpected(
  f: Extract<Filter, { kind: "flower" }>,
): Record<string, string | number | undefined> {
  const m = f.match;
  return {
    vlan_id: m.vlanId,
    vlan_prio: m.vlanPrio,
    ip_proto: m.ipProto,
    src_ip: m.src,
    dst_ip: m.dst,
    src_port: m.sport,
    dst_port: m.dport,
  };
}

/** "10.1.2.3/32" and "10.1.2.3" are the same host; tc prints the short form. */
const normal = (v: unknown) =>
  String(v)
    .toLowerCase()
    .replace(/\/(32|128)$/, "");

function compareClassifier(f: Filter, a: FilterState, path: string, d: Differences): void {
  switch (f.kind) {
    case "u32": {
      const want = keyText(u32KeysFor(f.match, f.protocol));
      const got = keyText(a.u32Keys ?? []);
      if (want !== got) d.add(path, `u32 keys are ${got || "none"}, expected ${want}`);
      return;
    }
    case "flower":
      for (const [key, value] of Object.entries(flowerExpected(f))) {
        const actual = a.flowerKeys?.[key];
        if (value === undefined || actual === undefined) continue;
        if (normal(actual) !== normal(value))
          d.add(path, `flower ${key} is ${String(actual)}, expected ${value}`);
      }
      return;
    case "fw": {
      const hex = (n: number) => `0x${n.toString(16)}`;
      const want = f.mask === undefined ? hex(f.mark) : `${hex(f.mark)}/${hex(f.mask)}`;
      if (a.fwHandle !== undefined && a.fwHandle !== want)
        d.add(path, `fw mark is ${a.fwHandle}, expected ${want}`);
      return;
    }
    case "matchall":
      return;
    default:
      f satisfies never;
  }
}

function compareAction(
  want: Action,
  got: ActionState | undefined,
  path: string,
  d: Differences,
): void {
  if (!got || (got.kind === "other" ? got.name : got.kind) !== want.kind) {
    const name = got === undefined ? "missing" : got.kind === "other" ? got.name : got.kind;
    d.add(path, `is ${name}, expected ${want.kind}`);
    return;
  }
  if (want.kind === "mirred" && got.kind === "mirred") {
    const w = `${want.direction} ${want.mode} to ${want.device}`;
    const g = `${got.direction} ${got.mode} to ${got.device}`;
    if (w !== g) d.add(path, `mirred is ${g}, expected ${w}`);
  }
  if (want.kind === "police" && got.kind === "police") {
    if (got.rate !== undefined && rateDiffers(got.rate, want.rate))
      d.mismatch(path, "police rate", "rate", got.rate, want.rate);
    if (got.burst !== undefined && sizeDiffers(got.burst, want.burst, want.rate))
      d.mismatch(path, "police burst", "size", got.burst, want.burst);
    if (got.exceed !== undefined && got.exceed !== want.exceed)
      d.mismatch(path, "exceed verdict", "text", got.exceed, want.exceed);
    if (got.conform !== undefined && got.conform !== want.conform)
      d.mismatch(path, "conform verdict", "text", got.conform, want.conform);
  }
}

export function compareFilter(
  want: FilterNode,
  got: FilterState,
  path: string,
  d: Differences,
): void {
  const f = want.filter;
  if (got.kind !== f.kind) {
    d.mismatch(path, "classifier", "text", got.kind, f.kind);
    return;
  }
  if (got.protocol.toLowerCase() !== f.protocol)
    d.mismatch(path, "protocol", "text", got.protocol, f.protocol);
  if ((got.classid ?? "none") !== (f.target ?? "none"))
    d.mismatch(path, "target", "text", got.classid ?? "none", f.target ?? "none");
  compareClassifier(f, got, path, d);
  for (const [i, a] of f.actions.entries()) {
    compareAction(a, got.actions[i], `${path} action ${i + 1}`, d);
  }
  if (got.actions.length > f.actions.length) {
    d.add(path, `has ${got.actions.length} actions, expected ${f.actions.length}`);
  }
}
