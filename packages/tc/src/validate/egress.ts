import { lowerEgress } from "../compile/lower";
import type { EgressTree } from "../compile/tree";
import { INGRESS_MAJOR, majorOf, PLACEHOLDER_HANDLE, parseHandle } from "../handles";
import type { Htb } from "../model/classful";
import { isLeafClass, rootHandleOf } from "../model/defaults";
import type { Egress } from "../model/policy";
import { formatRate } from "../units";
import { burstProblem } from "./burst";
import { checkFilters, type FilterTargets } from "./filters";
import type { Reporter } from "./issue";
import { checkLeafQdisc } from "./qdisc";

function checkHandles(tree: EgressTree, base: string, r: Reporter): void {
  const seen = new Map<string, string>();
  for (const node of tree.qdiscs) {
    const where = node.owner === "root" ? "the root" : `${node.owner}'s qdisc`;
    const major = parseHandle(node.handle);
    if (major === undefined || major === 0) {
      r.error(
        base,
        `${where} would get handle ${node.handle}, which tc cannot use; set its handle`,
      );
    } else if (major === INGRESS_MAJOR) {
      r.error(
        base,
        `handle ffff: (${where}) is reserved for the ingress qdisc; set another handle`,
      );
    }
    if (node.handle === PLACEHOLDER_HANDLE) {
      r.error(base, `handle ${node.handle} (${where}) is reserved for Fleetdeck's root swap`);
    }
    const first = seen.get(node.handle);
    if (first) r.error(base, `handle ${node.handle} is used by ${first} and ${where}`);
    else seen.set(node.handle, where);
  }
  const classIds = new Set<string>();
  for (const c of tree.classes) {
    if (classIds.has(c.classid)) r.error(`${base} class ${c.classid}`, "is defined twice");
    classIds.add(c.classid);
  }
}

function checkHtb(htb: Htb, tree: EgressTree, base: string, r: Reporter): void {
  const rootMajor = majorOf(rootHandleOf(htb));
  const byId = new Map(tree.classes.map((c) => [c.classid, c]));
  for (const node of tree.classes) {
    const { cls, ceil } = node;
    const path = `${base} class ${cls.id}`;
    if (majorOf(cls.id) !== rootMajor) {
      r.error(path, `must use the major number of its qdisc ${rootHandleOf(htb)}`);
    }
    if (ceil < cls.rate) {
      r.error(path, `ceil ${formatRate(ceil)} is below its rate ${formatRate(cls.rate)}`);
    }
    const parent = byId.get(node.parent);
    if (parent && ceil > parent.ceil) {
      r.error(
        path,
        `ceil ${formatRate(ceil)} is above its parent ${parent.classid}'s ceil ${formatRate(parent.ceil)}`,
      );
    }
    const children = cls.children ?? [];
    const sum = children.reduce((total, c) => total + c.rate, 0);
    if (sum > cls.rate) {
      r.warn(
        path,
        `children's rates add up to ${formatRate(sum)}, above its rate ${formatRate(cls.rate)}`,
      );
    }
    if (children.length > 0 && cls.qdisc) {
      r.error(path, "has children, so it cannot have a leaf qdisc");
    }
    for (const [field, value, rate] of [
      ["burst", cls.burst, cls.rate],
      ["cburst", cls.cburst, ceil],
    ] as const) {
      const small = value === undefined ? undefined : burstProblem(field, value, rate);
      if (small) r.warn(path, small);
    }
  }
  if (htb.classes.length === 0) r.warn(base, "htb has no classes, so nothing is shaped");
  if (htb.classes.length > 1) {
    r.warn(
      base,
      `${htb.classes.length} top-level classes cannot lend to each other; put them under one parent class`,
    );
  }
  if (htb.defaultClass === undefined) {
    if (htb.classes.length > 0) {
      r.warn(base, "no default class: unclassified traffic bypasses shaping (HTB's direct queue)");
    }
    return;
  }
  const def = byId.get(htb.defaultClass);
  if (!def) r.error(base, `default class ${htb.defaultClass} does not exist`);
  else if (!isLeafClass(def.cls)) {
    r.error(
      base,
      `default class ${htb.defaultClass} has children; HTB only sends unclassified traffic to a leaf class`,
    );
  } else if (majorOf(htb.defaultClass) !== rootMajor) {
    r.error(base, `default class ${htb.defaultClass} is not under ${rootHandleOf(htb)}`);
  }
}

function filterTargets(egress: Egress, tree: EgressTree): FilterTargets {
  const leaves = new Set<string>();
  const inner = new Set<string>();
  for (const c of tree.classes) (isLeafClass(c.cls) ? leaves : inner).add(c.classid);
  if (egress.kind === "prio") {
    const major = majorOf(rootHandleOf(egress)) ?? 1;
    for (let band = 1; band <= egress.bands; band++)
      leaves.add(`${major.toString(16)}:${band.toString(16)}`);
  }
  return { leaves, inner };
}

export function checkEgress(egress: Egress, base: string, r: Reporter, ifb = false): void {
  const tree = lowerEgress(egress);
  checkHandles(tree, base, r);
  for (const node of tree.qdiscs) {
    const path = node.owner === "root" ? base : `${base} ${node.owner} ${node.qdisc.kind}`;
    if (node.qdisc.kind !== "htb" && node.qdisc.kind !== "prio" && node.qdisc.kind !== "mq") {
      checkLeafQdisc(node.qdisc, path, r);
    }
  }
  switch (egress.kind) {
    case "htb":
      checkHtb(egress, tree, base, r);
      break;
    case "prio":
      checkPrio(
        egress.bands,
        egress.priomap,
        egress.children.map((c) => c.band),
        base,
        r,
      );
      break;
    case "mq":
      if (ifb) r.error(base, "an IFB device has a single queue; mq does not apply");
      checkUnique(
        egress.queues.map((q) => q.queue),
        "queue",
        base,
        r,
      );
      break;
    default:
      break;
  }
  if (egress.kind === "htb" || egress.kind === "prio") {
    checkFilters(tree.filters, filterTargets(egress, tree), base, r, "egress");
  }
}

function checkUnique(values: number[], what: string, base: string, r: Reporter): void {
  const seen = new Set<number>();
  for (const v of values) {
    if (seen.has(v)) r.error(base, `${what} ${v} is listed twice`);
    seen.add(v);
  }
}

function checkPrio(
  bands: number,
  priomap: number[] | undefined,
  used: number[],
  base: string,
  r: Reporter,
): void {
  checkUnique(used, "band", base, r);
  for (const band of used) {
    if (band > bands) r.error(base, `band ${band} is above the number of bands (${bands})`);
  }
  for (const band of priomap ?? []) {
    if (band >= bands)
      r.error(
        base,
        `priomap sends traffic to band ${band}, but bands are numbered 0 to ${bands - 1}`,
      );
  }
}
