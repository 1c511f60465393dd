import { type PolicySpec, type PolicySpecInput, policySpecSchema } from "./model/policy";
import { parseRate } from "./units";
import { minimumBurst } from "./validate/burst";

/** A rate as a user types it ("100mbit") or bits per second. */
type RateInput = string | number;
type PortRule = { proto: "tcp" | "udp"; port: number };

const bits = (r: RateInput) => (typeof r === "number" ? r : parseRate(r));
const build = (input: PolicySpecInput): PolicySpec => policySpecSchema.parse(input);

/** One HTB class at the link rate with fq_codel: shaping without bufferbloat. */
function shapeEgress(o: { interfaces: string[]; rate: RateInput }): PolicySpec {
  return build({
    version: 1,
    rules: [
      {
        interfaces: o.interfaces,
        egress: {
          kind: "htb",
          defaultClass: "1:10",
          classes: [{ id: "1:10", rate: o.rate, qdisc: { kind: "fq_codel" } }],
        },
      },
    ],
  });
}

/**
 * Interactive (30%, prio 0) before default (50%, prio 1) before bulk (20%, prio 2),
 * all able to borrow up to the full rate from one parent; u32 on ports.
 */
function interactiveFirst(o: {
  interfaces: string[];
  rate: RateInput;
  interactive?: PortRule[];
  bulk?: PortRule[];
}): PolicySpec {
  const total = bits(o.rate);
  const share = (pct: number) => Math.floor((total * pct) / 100);
  const interactive = o.interactive ?? [
    { proto: "tcp", port: 22 },
    { proto: "udp", port: 53 },
  ];
  const bulk = o.bulk ?? [{ proto: "tcp", port: 873 }];
  const leaf = (id: string, pct: number, prio: number) => ({
    id,
    rate: share(pct),
    ceil: total,
    prio,
    qdisc: { kind: "fq_codel" as const },
  });
  const port = (target: string) => (p: PortRule) => ({
    kind: "u32" as const,
    match: { ipProto: p.proto, dport: p.port },
    target,
  });
  return build({
    version: 1,
    rules: [
      {
        interfaces: o.interfaces,
        egress: {
          kind: "htb",
          defaultClass: "1:20",
          classes: [
            {
              id: "1:1",
              rate: total,
              children: [leaf("1:10", 30, 0), leaf("1:20", 50, 1), leaf("1:30", 20, 2)],
            },
          ],
          filters: [...interactive.map(port("1:10")), ...bulk.map(port("1:30"))],
        },
      },
    ],
  });
}

/** Drops ingress above the rate; the burst defaults to 10 ms of traffic (at least 16 KiB). */
function policeIngress(o: {
  interfaces: string[];
  rate: RateInput;
  burst?: string | number;
}): PolicySpec {
  const rate = bits(o.rate);
  const burst = o.burst ?? Math.max(16 * 1024, minimumBurst(rate) * 10);
  return build({
    version: 1,
    rules: [
      {
        interfaces: o.interfaces,
        ingress: {
          qdisc: "ingress",
          filters: [
            {
              kind: "u32",
              protocol: "all",
              actions: [{ kind: "police", rate, burst, exceed: "drop" }],
            },
          ],
        },
      },
    ],
  });
}

/** A long, lossy link for testing: netem delay with jitter and random loss. */
function wanEmulation(o: {
  interfaces: string[];
  delay: string | number;
  jitter?: string | number;
  loss?: string | number;
  rate?: RateInput;
}): PolicySpec {
  return build({
    version: 1,
    rules: [
      {
        interfaces: o.interfaces,
        egress: {
          kind: "netem",
          delay: o.delay,
          ...(o.jitter === undefined ? {} : { jitter: o.jitter, distribution: "normal" as const }),
          ...(o.loss === undefined ? {} : { loss: o.loss }),
          ...(o.rate === undefined ? {} : { rate: o.rate }),
        },
      },
    ],
  });
}

/** cake with four DiffServ tins and per-host fairness, the usual edge router setup. */
function cakeDiffserv4(o: {
  interfaces: string[];
  bandwidth: RateInput;
  nat?: boolean;
}): PolicySpec {
  return build({
    version: 1,
    rules: [
      {
        interfaces: o.interfaces,
        egress: {
          kind: "cake",
          bandwidth: o.bandwidth,
          diffserv: "diffserv4",
          flowMode: "triple-isolate",
          rtt: "internet",
          nat: o.nat ?? false,
        },
      },
    ],
  });
}

export const presets = {
  shapeEgress,
  interactiveFirst,
  policeIngress,
  wanEmulation,
  cakeDiffserv4,
};

export type PresetId = keyof typeof presets;

/** Titles for a "start from a preset" picker. */
export const presetCatalog: readonly { id: PresetId; title: string; description: string }[] = [
  {
    id: "shapeEgress",
    title: "Shape egress",
    description: "Limit outgoing traffic to a rate, with fq_codel against bufferbloat.",
  },
  {
    id: "interactiveFirst",
    title: "Interactive before bulk",
    description: "Three HTB classes; SSH and DNS first, rsync last.",
  },
  {
    id: "policeIngress",
    title: "Police ingress",
    description: "Drop incoming traffic above a rate.",
  },
  {
    id: "wanEmulation",
    title: "WAN emulation",
    description: "Add delay, jitter and loss with netem.",
  },
  {
    id: "cakeDiffserv4",
    title: "cake with diffserv4",
    description: "cake shaping with four DiffServ tins.",
  },
];
