import type { DeviceTree } from "./tree";

/**
 * What a host's kernel must provide for a plan, as tc kinds and as the module
 * names a pre-flight check can look for (sch_cake, cls_flower, act_police, ifb).
 */
export interface RequiredFeatures {
  qdiscs: string[];
  classifiers: string[];
  actions: string[];
  ifb: boolean;
  modules: string[];
}

/** Built into every kernel with tc support; no module to look for. */
const builtIn = new Set(["pfifo", "bfifo", "mq"]);

function qdiscModule(kind: string): string[] {
  if (builtIn.has(kind)) return [];
  return [kind === "ingress" || kind === "clsact" ? "sch_ingress" : `sch_${kind}`];
}

export function requiredFeatures(trees: readonly DeviceTree[]): RequiredFeatures {
  const qdiscs = new Set<string>();
  const classifiers = new Set<string>();
  const actions = new Set<string>();
  for (const tree of trees) {
    for (const q of tree.egress?.qdiscs ?? []) qdiscs.add(q.qdisc.kind);
    if (tree.egress) qdiscs.add("pfifo"); // the placeholder root
    if (tree.ingress) qdiscs.add(tree.ingress.kind);
    for (const f of [...(tree.egress?.filters ?? []), ...(tree.ingress?.filters ?? [])]) {
      classifiers.add(f.filter.kind);
      for (const a of f.filter.actions) actions.add(a.kind);
    }
  }
  const ifb = trees.some((t) => t.ifbFor !== undefined);
  const modules = [
    ...[...qdiscs].flatMap(qdiscModule),
    ...[...classifiers].map((k) => `cls_${k}`),
    ...[...actions].map((k) => `act_${k}`),
    ...(ifb ? ["ifb"] : []),
  ];
  const sorted = (s: Iterable<string>) => [...new Set(s)].sort();
  return {
    qdiscs: sorted(qdiscs),
    classifiers: sorted(classifiers),
    actions: sorted(actions),
    ifb,
    modules: sorted(modules),
  };
}
