import type { DeviceTree, EgressTree, IngressTree } from "../compile/tree";
import { formatRate } from "../units";
import { compareFilter } from "./compare-filter";
import { compareQdiscOptions } from "./compare-qdisc";
import { Differences, rateDiffers, sizeDiffers } from "./tolerance";
import type { DeviceState, FilterState } from "./types";

const INGRESS_SLOT = "ffff:fff1";

/** Kernel defaults carry handle 0: (noqueue, pfifo_fast, mq and its per-queue children). */
const isKernelDefault = (handle: string) => handle === "0:";

function compareFilters(
  want: EgressTree["filters"] | IngressTree["filters"],
  got: FilterState[],
  path: string,
  d: Differences,
): void {
  const byPrio = new Map(got.map((f) => [f.prio, f]));
  for (const node of want) {
    const actual = byPrio.get(node.prio);
    const where = `${path} filter prio ${node.prio}`;
    if (!actual) d.add(where, `${node.filter.kind} filter is missing`);
    else compareFilter(node, actual, where, d);
    byPrio.delete(node.prio);
  }
  for (const extra of byPrio.values())
    d.add(`${path} filter prio ${extra.prio}`, `unexpected ${extra.kind} filter`);
}

function compareEgress(want: EgressTree, actual: DeviceState, path: string, d: Differences): void {
  const qdiscs = actual.qdiscs.filter((q) => q.parent !== INGRESS_SLOT);
  const byHandle = new Map(qdiscs.map((q) => [q.handle, q]));
  for (const node of want.qdiscs) {
    const where = node.owner === "root" ? `${path} root` : `${path} ${node.owner} qdisc`;
    const got = byHandle.get(node.handle);
    if (!got || got.parent !== node.parent) {
      const found = qdiscs.find((q) => q.parent === node.parent);
      const seen = found ? `found ${found.kind} ${found.handle}` : "found nothing";
      d.add(where, `expected ${node.qdisc.kind} ${node.handle}, ${seen}`);
      continue;
    }
    if (got.kind !== node.qdisc.kind) {
      d.mismatch(where, "kind", "text", got.kind, node.qdisc.kind);
      continue;
    }
    compareQdiscOptions(node.qdisc, got.options, `${where} ${got.kind} ${got.handle}`, d);
  }
  const wanted = new Set(want.qdiscs.map((q) => q.handle));
  for (const q of qdiscs) {
    if (!wanted.has(q.handle) && !isKernelDefault(q.handle)) {
      d.add(
        `${path} ${q.parent === "root" ? "root" : `under ${q.parent}`}`,
        `unexpected qdisc ${q.kind} ${q.handle}`,
      );
    }
  }
  compareClasses(want, actual, path, d);
  compareFilters(
    want.filters,
    actual.filters.filter((f) => f.parent !== "ffff:" && f.parent !== "ffff:fff2"),
    path,
    d,
  );
}

function compareClasses(want: EgressTree, actual: DeviceState, path: string, d: Differences): void {
  // Only HTB classes are configured; mq, prio and tbf classes are implicit.
  const got = new Map(actual.classes.filter((c) => c.kind === "htb").map((c) => [c.classid, c]));
  for (const node of want.classes) {
    const where = `${path} class ${node.classid}`;
    const c = got.get(node.classid);
    got.delete(node.classid);
    if (!c) {
      d.add(where, "is missing");
      continue;
    }
    if (c.parent !== node.parent) d.mismatch(where, "parent", "text", c.parent, node.parent);
    if (c.rate !== undefined && rateDiffers(c.rate, node.cls.rate))
      d.mismatch(where, "rate", "rate", c.rate, node.cls.rate);
    if (c.ceil !== undefined && rateDiffers(c.ceil, node.ceil))
      d.mismatch(where, "ceil", "rate", c.ceil, node.ceil);
    const { burst, cburst, prio, quantum } = node.cls;
    if (
      burst !== undefined &&
      c.burst !== undefined &&
      sizeDiffers(c.burst, burst, node.cls.rate)
    ) {
      d.mismatch(where, "burst", "size", c.burst, burst);
    }
    if (
      cburst !== undefined &&
      c.cburst !== undefined &&
      sizeDiffers(c.cburst, cburst, node.ceil)
    ) {
      d.mismatch(where, "cburst", "size", c.cburst, cburst);
    }
    if (prio !== undefined && c.prio !== undefined && c.prio !== prio)
      d.mismatch(where, "prio", "count", c.prio, prio);
    if (quantum !== undefined && c.quantum !== undefined && c.quantum !== quantum) {
      d.mismatch(where, "quantum", "count", c.quantum, quantum);
    }
  }
  for (const extra of got.values()) {
    d.add(
      `${path} class ${extra.classid}`,
      `unexpected class (rate ${formatRate(extra.rate ?? 0)})`,
    );
  }
}

function compareIngress(
  want: IngressTree | undefined,
  actual: DeviceState,
  path: string,
  d: Differences,
): void {
  const slot = actual.qdiscs.find((q) => q.parent === INGRESS_SLOT);
  if (!want) {
    if (slot) d.add(path, `expected no ingress qdisc, found ${slot.kind}`);
    return;
  }
  if (!slot) {
    d.add(path, `${want.kind} qdisc is missing`);
    return;
  }
  if (slot.kind !== want.kind) d.mismatch(path, "qdisc", "text", slot.kind, want.kind);
  const parents = want.kind === "clsact" ? ["ffff:fff2"] : ["ffff:"];
  compareFilters(
    want.filters,
    actual.filters.filter((f) => parents.includes(f.parent)),
    path,
    d,
  );
}

/**
 * What differs between the tree a plan wants on a device and what the kernel
 * reports, as "path: what" lines; empty when they agree. Tolerant of what the
 * kernel derives or rounds: unset bursts, quanta, r2q and direct_qlen are not
 * compared, rates and bursts are compared with a small margin.
 */
export function compareState(desired: DeviceTree, actual: DeviceState): string[] {
  const d = new Differences();
  const base = desired.dev;
  if (desired.egress) compareEgress(desired.egress, actual, `${base} egress`, d);
  else {
    const root = actual.qdiscs.find((q) => q.parent === "root");
    if (root && !isKernelDefault(root.handle)) {
      d.add(
        `${base} egress root`,
        `expected the kernel default, found ${root.kind} ${root.handle}`,
      );
    }
  }
  compareIngress(desired.ingress, actual, `${base} ingress`, d);
  return d.lines;
}
