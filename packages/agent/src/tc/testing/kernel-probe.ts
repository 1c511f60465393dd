import type { TestNs } from "./netns";

/** What this kernel can load, asked through a veth in a test namespace. */
export interface KernelKinds {
  qdiscs: Set<string>;
  classifiers: Set<string>;
  actions: Set<string>;
  ifb: boolean;
}

const QDISCS: Record<string, string[]> = {
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
const CLASSIFIERS: Record<string, string[]> = {
  u32: ["u32", "match", "u32", "0", "0"],
  flower: ["flower"],
  fw: ["handle", "1", "fw"],
  matchall: ["matchall"],
};
const ACTIONS: Record<string, string[]> = {
  police: ["action", "police", "rate", "1mbit", "burst", "10kb", "conform-exceed", "drop/pass"],
  mirred: ["action", "mirred", "egress", "mirror", "dev"],
};

const ok = (p: Promise<unknown>) =>
  p.then(
    () => true,
    () => false,
  );

export async function probeKernel(ns: TestNs, dev: string): Promise<KernelKinds> {
  const kinds: KernelKinds = {
    qdiscs: new Set(),
    classifiers: new Set(),
    actions: new Set(),
    ifb: false,
  };
  for (const [kind, args] of Object.entries(QDISCS)) {
    if (await ok(ns.tc(["qdisc", "replace", "dev", dev, "root", "handle", "1:", ...args])))
      kinds.qdiscs.add(kind);
    await ok(ns.tc(["qdisc", "del", "dev", dev, "root"]));
  }
  for (const kind of ["ingress", "clsact"]) {
    if (await ok(ns.tc(["qdisc", "add", "dev", dev, kind]))) kinds.qdiscs.add(kind);
    await ok(ns.tc(["qdisc", "del", "dev", dev, kind]));
  }
  await ns.tc(["qdisc", "replace", "dev", dev, "root", "handle", "1:", "htb"]);
  let prio = 1;
  const filter = (args: string[]) =>
    ok(
      ns.tc([
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
      ]),
    );
  for (const [kind, args] of Object.entries(CLASSIFIERS))
    if (await filter([...args, "classid", "1:1"])) kinds.classifiers.add(kind);
  for (const [kind, args] of Object.entries(ACTIONS)) {
    const tail = kind === "mirred" ? [dev] : [];
    if (await filter([...(CLASSIFIERS.u32 ?? []), ...args, ...tail])) kinds.actions.add(kind);
  }
  await ok(ns.tc(["qdisc", "del", "dev", dev, "root"]));
  kinds.ifb = await ok(ns.ip(["link", "add", "name", "fdifbprobe", "type", "ifb"]));
  if (kinds.ifb) await ok(ns.ip(["link", "del", "fdifbprobe"]));
  return kinds;
}

/** The kinds a compiled plan needs that this kernel lacks. */
export function missingKinds(
  features: { qdiscs: string[]; classifiers: string[]; actions: string[]; ifb: boolean },
  kinds: KernelKinds,
): string[] {
  return [
    ...features.qdiscs.filter((k) => !kinds.qdiscs.has(k)),
    ...features.classifiers.filter((k) => !kinds.classifiers.has(k)),
    ...features.actions.filter((k) => !kinds.actions.has(k)),
    ...(features.ifb && !kinds.ifb ? ["ifb"] : []),
  ];
}
