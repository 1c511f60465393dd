import type { RequiredFeatures } from "../compile/features";
import type { Netns } from "./netns";

export interface KernelSupport {
  qdiscs: Set<string>;
  classifiers: Set<string>;
  actions: Set<string>;
  ifb: boolean;
}

const qdiscProbes: Record<string, string[]> = {
  htb: ["htb"],
  tbf: ["tbf", "rate", "1mbit", "burst", "10kb", "latency", "10ms"],
  netem: ["netem"],
  fq_codel: ["fq_codel"],
  cake: ["cake"],
  sfq: ["sfq"],
  prio: ["prio"],
  fq: ["fq"],
  pfifo: ["pfifo"],
  bfifo: ["bfifo"],
  mq: ["mq"],
};

const classifierProbes: Record<string, string[]> = {
  u32: ["u32", "match", "u32", "0", "0"],
  flower: ["flower"],
  fw: ["handle", "1", "fw"],
  matchall: ["matchall"],
};

async function ok(p: Promise<unknown>): Promise<boolean> {
  return p.then(
    () => true,
    () => false,
  );
}

/**
 * Asks this kernel, through `dev` in `ns`, which kinds it can actually load. Any namespace
 * that runs `tc` and `ip` will do (the agent's tests use theirs).
 */
export async function probeKernel(
  ns: Pick<Netns, "tc" | "ip">,
  dev: string,
): Promise<KernelSupport> {
  const support: KernelSupport = {
    qdiscs: new Set(),
    classifiers: new Set(),
    actions: new Set(),
    ifb: false,
  };
  const tc = (...args: string[]) => ns.tc(args);
  for (const [kind, args] of Object.entries(qdiscProbes)) {
    if (await ok(tc("qdisc", "replace", "dev", dev, "root", "handle", "1:", ...args)))
      support.qdiscs.add(kind);
    await ok(tc("qdisc", "del", "dev", dev, "root"));
  }
  for (const kind of ["ingress", "clsact"]) {
    if (await ok(tc("qdisc", "add", "dev", dev, kind))) support.qdiscs.add(kind);
    await ok(tc("qdisc", "del", "dev", dev, kind));
  }
  await tc("qdisc", "replace", "dev", dev, "root", "handle", "1:", "htb");
  let prio = 1;
  const filter = (...args: string[]) =>
    ok(
      tc(
        "filter",
        "add",
        "dev",
        dev,
        "parent",
        "1:",
        "protocol",
        "all",
        "prio",
        String(prio++),
        ...args,
      ),
    );
  for (const [kind, args] of Object.entries(classifierProbes)) {
    if (await filter(...args, "classid", "1:1")) support.classifiers.add(kind);
  }
  const u32 = classifierProbes.u32 ?? [];
  if (
    await filter(
      ...u32,
      "action",
      "police",
      "rate",
      "1mbit",
      "burst",
      "10kb",
      "conform-exceed",
      "drop/pass",
    )
  ) {
    support.actions.add("police");
  }
  if (await filter(...u32, "action", "mirred", "egress", "mirror", "dev", dev))
    support.actions.add("mirred");
  await ok(tc("qdisc", "del", "dev", dev, "root"));
  support.ifb = await ok(ns.ip(["link", "add", "name", "fdifbprobe", "type", "ifb"]));
  if (support.ifb) await ok(ns.ip(["link", "del", "fdifbprobe"]));
  return support;
}

export function unsupported(features: RequiredFeatures, support: KernelSupport): string[] {
  return [
    ...features.qdiscs.filter((k) => !support.qdiscs.has(k)),
    ...features.classifiers.filter((k) => !support.classifiers.has(k)),
    ...features.actions.filter((k) => !support.actions.has(k)),
    ...(features.ifb && !support.ifb ? ["ifb"] : []),
  ];
}
