import { PLACEHOLDER_HANDLE } from "../handles";
import { filterArgs } from "./filter-args";
import { classArgs, qdiscArgs } from "./qdisc-args";
import {
  CLSACT_INGRESS,
  type DeviceTree,
  type EgressTree,
  type FilterNode,
  type IngressTree,
} from "./tree";

/*
 * Why this sequence re-applies cleanly, on a fresh interface or over any tree:
 *
 * `tc -batch` stops at the first failing line and there is no "delete if present"
 * in tc, so the batch itself only uses commands that succeed whatever is there.
 *
 * Egress: `qdisc replace ... root handle 1: htb` is NOT enough. If the current root
 * already has handle 1: the kernel treats replace as "change in place": a different
 * kind fails ("Invalid qdisc name: must match existing qdisc"), the same kind keeps
 * every old class and filter. So the root is first replaced by a pfifo with the
 * reserved handle 7fff:. The kernel grafts a new qdisc whenever the requested handle
 * differs from the current root's (and changes it in place when it is already
 * 7fff: pfifo, left by an interrupted run), destroying the old tree with all its
 * classes and filters. Then the real root is grafted over the placeholder, and the
 * classes, leaves and filters are added into a tree known to be empty; that is why
 * `filter add` is safe (a u32 "replace" would need the kernel-chosen handle).
 * Traffic sees an unshaped pfifo for the microseconds between the two lines.
 *
 * Ingress: `qdisc replace dev X ingress` creates the qdisc or leaves an existing
 * one alone, and `filter del dev X parent ffff:` (no prio) flushes the chain and
 * succeeds even when it is empty, so re-adding filters never collides. For clsact
 * both hooks are flushed: the policy owns the whole interface. Only chain 0 is
 * flushed; Fleetdeck never creates other chains, and read-back reports foreign ones.
 *
 * What the batch cannot do, the teardown list does: ingress and clsact share one
 * slot and neither can be replaced by the other, and restoring the kernel's default
 * root needs a delete. Those deletes fail when there is nothing to delete, so the
 * agent runs the teardown with `tc -force -batch` and ignores its exit status;
 * every teardown line is a "delete if present" that cannot remove anything the
 * batch is about to create.
 */

type Argv = string[];

function egressBatch(dev: string, tree: EgressTree): Argv[] {
  const out: Argv[] = [
    ["qdisc", "replace", "dev", dev, "root", "handle", PLACEHOLDER_HANDLE, "pfifo"],
  ];
  for (const q of tree.qdiscs.filter((n) => n.parent === "root")) {
    out.push(["qdisc", "replace", "dev", dev, "root", "handle", q.handle, ...qdiscArgs(q.qdisc)]);
  }
  for (const c of tree.classes) {
    out.push([
      "class",
      "replace",
      "dev",
      dev,
      "parent",
      c.parent,
      "classid",
      c.classid,
      ...classArgs(c),
    ]);
  }
  for (const q of tree.qdiscs.filter((n) => n.parent !== "root")) {
    out.push([
      "qdisc",
      "replace",
      "dev",
      dev,
      "parent",
      q.parent,
      "handle",
      q.handle,
      ...qdiscArgs(q.qdisc),
    ]);
  }
  out.push(...tree.filters.map((f) => filterLine(dev, f)));
  return out;
}

function filterLine(dev: string, f: FilterNode): Argv {
  const parent = f.parent === CLSACT_INGRESS ? ["ingress"] : ["parent", f.parent];
  return [
    "filter",
    "add",
    "dev",
    dev,
    ...parent,
    "protocol",
    f.filter.protocol,
    "prio",
    String(f.prio),
    ...filterArgs(f.filter),
  ];
}

function ingressBatch(dev: string, tree: IngressTree): Argv[] {
  const flush: Argv[] =
    tree.kind === "clsact"
      ? [
          ["filter", "del", "dev", dev, "ingress"],
          ["filter", "del", "dev", dev, "egress"],
        ]
      : [["filter", "del", "dev", dev, "parent", "ffff:"]];
  return [
    ["qdisc", "replace", "dev", dev, tree.kind],
    ...flush,
    ...tree.filters.map((f) => filterLine(dev, f)),
  ];
}

export function deviceBatch(tree: DeviceTree): Argv[] {
  return [
    ...(tree.egress ? egressBatch(tree.dev, tree.egress) : []),
    ...(tree.ingress ? ingressBatch(tree.dev, tree.ingress) : []),
  ];
}

/** Deletes the batch cannot express; run with `tc -force -batch`, failures ignored. */
export function deviceTeardown(tree: DeviceTree): Argv[] {
  const del = (what: string): Argv => ["qdisc", "del", "dev", tree.dev, what];
  const root = tree.egress ? [] : [del("root")];
  if (!tree.ingress) return [...root, del("ingress"), del("clsact")];
  const kind = tree.ingress.kind;
  switch (kind) {
    case "ingress":
      return [...root, del("clsact")];
    case "clsact":
      return [...root, del("ingress")];
    default:
      return kind satisfies never;
  }
}
