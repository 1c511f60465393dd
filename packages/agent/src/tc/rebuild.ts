import { type Argv, type ClassState, parseTcState, type QdiscState } from "@fleetdeck/tc";
import type { RawDevice } from "./records";
import { filterArgs } from "./rebuild-filter";
import { htbClassArgs, qdiscArgs } from "./rebuild-qdisc";
import type { TickClock } from "./tick-math";

/**
 * State → commands, for restoring a tree Fleetdeck did not create ("foreign"). The
 * device is first reset (resetLines, with -force), then rebuilt from what `tc -j`
 * printed. Rebuilt: qdiscs pfifo, bfifo, pfifo_fast, mq (and its children), htb (with
 * its classes: rate, ceil, burst, cburst, prio, quantum), tbf without a peak rate;
 * ingress and clsact; u32 (plain offsets), fw and matchall filters on chain 0 of the
 * root qdisc and the ingress hooks, with mirred and police actions. Not rebuilt, and
 * reported instead: other kinds (netem, fq_codel, cake, …, whose printed options this
 * code does not map back), flower, u32 with nexthdr offsets or hash tables, other
 * chains, filters attached below the root qdisc (the snapshot does not list them).
 */
export interface RebuildPlan {
  lines: Argv[];
  problems: string[];
}

/** The kernel's default tree again: each line may fail (nothing to delete); run with -force. */
export function resetLines(dev: string): Argv[] {
  return ["root", "ingress", "clsact"].map((what) => ["qdisc", "del", "dev", dev, what]);
}

type Node = { id: string; after: string; line: Argv | null };

/** Parents before children: a class needs its qdisc (or parent class), a qdisc its class. */
function ordered(nodes: Node[], problems: string[]): Argv[] {
  const done = new Set(["root"]);
  const out: Argv[] = [];
  let pending = nodes;
  while (pending.length > 0) {
    const ready = pending.filter((n) => done.has(n.after));
    if (ready.length === 0) {
      for (const n of pending)
        problems.push(`cannot place ${n.id}: its parent ${n.after} is missing`);
      break;
    }
    for (const n of ready) {
      done.add(n.id);
      if (n.line) out.push(n.line);
    }
    pending = pending.filter((n) => !ready.includes(n));
  }
  return out;
}

function egressNodes(
  dev: string,
  qdiscs: QdiscState[],
  classes: ClassState[],
  clock: TickClock,
  printed: "text" | "json",
  problems: string[],
): Node[] {
  const nodes: Node[] = [];
  const htbIds = new Set(classes.filter((c) => c.kind === "htb").map((c) => c.classid));
  for (const q of qdiscs) {
    if (q.parent === "ffff:fff1") continue;
    const isDefault = q.handle === "0:";
    const where = q.parent === "root" ? ["root"] : ["parent", q.parent];
    const args = isDefault ? null : qdiscArgs(q, clock);
    if (args && !args.ok) problems.push(`${dev}: ${args.problem}`);
    const line = args?.ok
      ? ["qdisc", "replace", "dev", dev, ...where, "handle", q.handle, ...args.args]
      : null;
    // Under an HTB class: that class. Under an implicit class (mq queue ":1", prio band
    // "1:2"): the qdisc that owns it, "0:" for the kernel's default mq.
    const owner = `${q.parent.split(":")[0] || "0"}:`;
    const after = q.parent === "root" ? "root" : htbIds.has(q.parent) ? q.parent : owner;
    nodes.push({ id: q.handle, after, line });
  }
  for (const c of classes) {
    if (c.kind !== "htb") continue;
    const args = htbClassArgs(c, clock, printed);
    if (!args.ok) problems.push(`${dev}: ${args.problem}`);
    const line = args.ok
      ? ["class", "replace", "dev", dev, "parent", c.parent, "classid", c.classid, ...args.args]
      : null;
    nodes.push({ id: c.classid, after: c.parent, line });
  }
  return nodes;
}

export function rebuildDevice(raw: RawDevice, clock: TickClock): RebuildPlan {
  const dev = raw.dev;
  const problems: string[] = [];
  const state = parseTcState(raw);
  if (
    /"offmask":"[^"]/.test(`${raw.filter}${raw.ingressFilter ?? ""}${raw.clsactEgressFilter ?? ""}`)
  )
    problems.push(`${dev}: cannot rebuild u32 keys relative to the next header`);
  const printed = raw.class.trim().startsWith("[") ? "json" : "text";
  const lines = ordered(
    egressNodes(dev, state.qdiscs, state.classes, clock, printed, problems),
    problems,
  );
  const slot = state.qdiscs.find((q) => q.parent === "ffff:fff1");
  const filter = (where: string[], f: Parameters<typeof filterArgs>[0]) => {
    const args = filterArgs(f, clock);
    if (!args.ok) return void problems.push(`${dev}: ${args.problem}`);
    lines.push(["filter", "add", "dev", dev, ...where, ...args.args]);
  };
  const root = state.qdiscs.find((q) => q.parent === "root");
  for (const f of state.filters.filter((f) => f.parent !== "ffff:" && f.parent !== "ffff:fff2"))
    filter(["parent", f.parent === "root" ? (root?.handle ?? "root") : f.parent], f);
  if (!slot) return { lines, problems };
  lines.push(["qdisc", "add", "dev", dev, slot.kind === "clsact" ? "clsact" : "ingress"]);
  const ingressWhere = slot.kind === "clsact" ? ["ingress"] : ["parent", "ffff:"];
  for (const f of state.filters.filter((f) => f.parent === "ffff:" || f.parent === "ffff:fff2"))
    filter(ingressWhere, f);
  if (slot.kind === "clsact" && raw.clsactEgressFilter) {
    const egress = parseTcState({ dev, qdisc: "[]", filter: raw.clsactEgressFilter }).filters;
    for (const f of egress) filter(["egress"], f);
  }
  return { lines, problems };
}
