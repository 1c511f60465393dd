import { hex, minorOf } from "../handles";
import type { Htb } from "../model/classful";
import type { Cake, LeafQdisc, Netem, Tbf } from "../model/leaf";
import type { Egress } from "../model/policy";
import type { ClassNode } from "./tree";
import { tcPercent, tcRate, tcSize, tcTime } from "../units";

/** ["name", value] when value is set; keeps the builders flat. */
function opt<T>(name: string, value: T | undefined, show: (v: T) => string): string[] {
  return value === undefined ? [] : [name, show(value)];
}

const text = (n: number) => String(n);

function htbArgs(q: Htb): string[] {
  const minor = q.defaultClass === undefined ? undefined : minorOf(q.defaultClass);
  return [
    "htb",
    ...opt("default", minor, hex),
    ...opt("r2q", q.r2q, text),
    ...opt("direct_qlen", q.directQlen, text),
  ];
}

function tbfArgs(q: Tbf): string[] {
  return [
    "tbf",
    "rate",
    tcRate(q.rate),
    "burst",
    tcSize(q.burst),
    ...opt("latency", q.latency, tcTime),
    ...opt("limit", q.limit, tcSize),
    ...opt("peakrate", q.peakrate, tcRate),
    ...opt("mtu", q.mtu, tcSize),
  ];
}

function netemArgs(q: Netem): string[] {
  const delay =
    q.delay === undefined
      ? []
      : ["delay", tcTime(q.delay), ...(q.jitter ? [tcTime(q.jitter)] : [])];
  return [
    "netem",
    ...opt("limit", q.limit, text),
    ...delay,
    ...opt("distribution", q.distribution, String),
    ...(q.loss === undefined ? [] : ["loss", "random", tcPercent(q.loss)]),
    ...opt("duplicate", q.duplicate, tcPercent),
    ...opt("reorder", q.reorder, tcPercent),
    ...opt("corrupt", q.corrupt, tcPercent),
    ...opt("rate", q.rate, tcRate),
  ];
}

const ackFilterWords = {
  off: "no-ack-filter",
  on: "ack-filter",
  aggressive: "ack-filter-aggressive",
};

function cakeArgs(q: Cake): string[] {
  const bandwidth =
    q.bandwidth === undefined
      ? []
      : q.bandwidth === "unlimited"
        ? ["unlimited"]
        : ["bandwidth", tcRate(q.bandwidth)];
  const flag = (value: boolean | undefined, on: string, off: string) =>
    value === undefined ? [] : [value ? on : off];
  return [
    "cake",
    ...bandwidth,
    ...(q.rtt === undefined ? [] : [q.rtt]),
    ...(q.diffserv === undefined ? [] : [q.diffserv]),
    ...(q.flowMode === undefined ? [] : [q.flowMode]),
    ...flag(q.nat, "nat", "nonat"),
    ...flag(q.wash, "wash", "nowash"),
    ...(q.ackFilter === undefined ? [] : [ackFilterWords[q.ackFilter]]),
    ...opt("overhead", q.overhead, text),
    ...opt("mpu", q.mpu, text),
  ];
}

/** The kind and its parameters: everything after `handle X:` on a qdisc line. */
export function qdiscArgs(q: Egress | LeafQdisc): string[] {
  switch (q.kind) {
    case "htb":
      return htbArgs(q);
    case "prio":
      return [
        "prio",
        "bands",
        text(q.bands),
        ...(q.priomap ? ["priomap", ...q.priomap.map(text)] : []),
      ];
    case "mq":
      return ["mq"];
    case "tbf":
      return tbfArgs(q);
    case "netem":
      return netemArgs(q);
    case "fq_codel":
      return [
        "fq_codel",
        ...opt("limit", q.limit, text),
        ...opt("flows", q.flows, text),
        ...opt("target", q.target, tcTime),
        ...opt("interval", q.interval, tcTime),
        ...opt("quantum", q.quantum, text),
        ...(q.ecn === undefined ? [] : [q.ecn ? "ecn" : "noecn"]),
      ];
    case "cake":
      return cakeArgs(q);
    case "sfq":
      return [
        "sfq",
        ...opt("perturb", q.perturb, (us) => text(us / 1_000_000)),
        ...opt("quantum", q.quantum, text),
        ...opt("limit", q.limit, text),
      ];
    case "fq":
      return [
        "fq",
        ...opt("limit", q.limit, text),
        ...opt("flow_limit", q.flowLimit, text),
        ...opt("quantum", q.quantum, text),
        ...opt("maxrate", q.maxrate, tcRate),
      ];
    case "pfifo":
      return ["pfifo", ...opt("limit", q.limit, text)];
    case "bfifo":
      return ["bfifo", ...opt("limit", q.limit, tcSize)];
    default:
      return q satisfies never;
  }
}

/** Everything after `classid X` on an HTB class line; ceil is always explicit. */
export function classArgs(c: ClassNode): string[] {
  const { cls } = c;
  return [
    "htb",
    "rate",
    tcRate(cls.rate),
    "ceil",
    tcRate(c.ceil),
    ...opt("burst", cls.burst, tcSize),
    ...opt("cburst", cls.cburst, tcSize),
    ...opt("prio", cls.prio, text),
    ...opt("quantum", cls.quantum, text),
  ];
}
