import { minorOf } from "../handles";
import type { LeafQdisc } from "../model/leaf";
import type { Egress } from "../model/policy";
import { type JsonObject, num, obj, str } from "./json";
import { printedSizeOption } from "./tc-text";
import { type Differences, rateDiffers, sizeDiffers, timeDiffers, type Unit } from "./tolerance";

type Value = number | string | boolean | undefined;

/** µs per cake RTT preset, as sch_cake defines them. */
const cakeRtt = {
  datacentre: 100,
  lan: 1000,
  metro: 10_000,
  regional: 30_000,
  internet: 100_000,
  oceanic: 300_000,
  satellite: 1_000_000,
  interplanetary: 3_600_000_000,
} as const;

const cakeAck = { off: "disabled", on: "enabled", aggressive: "aggressive" } as const;

function differs(unit: Unit, actual: number, desired: number): boolean {
  switch (unit) {
    case "rate":
      return rateDiffers(actual, desired);
    case "size":
      return sizeDiffers(actual, desired);
    case "time":
      return timeDiffers(actual, desired);
    case "percent":
      return Math.abs(actual - desired) > 0.01;
    case "count":
    case "text":
      return actual !== desired;
    default:
      return unit satisfies never;
  }
}

/**
 * Compares only what the spec sets and tc reports: a field left to the kernel's
 * default, or one this iproute2 does not print in JSON, is not a difference.
 */
function field(
  d: Differences,
  path: string,
  name: string,
  unit: Unit,
  desired: Value,
  actual: Value,
): void {
  if (desired === undefined || actual === undefined) return;
  const same =
    typeof desired === "number" && typeof actual === "number"
      ? !differs(unit, actual, desired)
      : String(desired) === String(actual);
  if (!same) d.mismatch(path, name, unit, actual, desired);
}

const bytesToBits = (v: number | undefined) => (v === undefined ? undefined : v * 8);
const secondsToUs = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 1e6));

export function compareQdiscOptions(
  q: Egress | LeafQdisc,
  o: JsonObject,
  path: string,
  d: Differences,
): void {
  const f = (name: string, unit: Unit, desired: Value, actual: Value) =>
    field(d, path, name, unit, desired, actual);
  switch (q.kind) {
    case "htb": {
      const reported = str(o, "default");
      const minor = q.defaultClass === undefined ? 0 : (minorOf(q.defaultClass) ?? 0);
      f(
        "default class minor",
        "text",
        minor.toString(16),
        reported === undefined ? undefined : Number.parseInt(reported, 16).toString(16),
      );
      f("r2q", "count", q.r2q, num(o, "r2q"));
      f("direct_qlen", "count", q.directQlen, num(o, "direct_qlen"));
      return;
    }
    case "tbf": {
      f("rate", "rate", q.rate, bytesToBits(num(o, "rate")));
      // With -d tc prints it rounded ("10Kb/1"): within sizeDiffers' tolerance.
      f("burst", "size", q.burst, printedSizeOption(o, "burst"));
      // tc reports a limit as the latency it allows: (limit - burst) / rate.
      const latency =
        q.latency ??
        (q.limit === undefined ? undefined : Math.round(((q.limit - q.burst) * 8e6) / q.rate));
      f("latency", "time", latency, num(o, "lat"));
      return;
    }
    case "netem":
      f("limit", "count", q.limit, num(o, "limit"));
      f("delay", "time", q.delay, secondsToUs(num(obj(o, "delay") ?? {}, "delay")));
      f("jitter", "time", q.jitter, secondsToUs(num(obj(o, "delay") ?? {}, "jitter")));
      f("loss", "percent", q.loss, num(obj(o, "loss-random") ?? {}, "loss"));
      f("duplicate", "percent", q.duplicate, num(obj(o, "duplicate") ?? {}, "duplicate"));
      f("reorder", "percent", q.reorder, num(obj(o, "reorder") ?? {}, "reorder"));
      f("corrupt", "percent", q.corrupt, num(obj(o, "corrupt") ?? {}, "corrupt"));
      f("rate", "rate", q.rate, bytesToBits(num(obj(o, "rate") ?? {}, "rate")));
      return;
    case "fq_codel":
      f("limit", "count", q.limit, num(o, "limit"));
      f("flows", "count", q.flows, num(o, "flows"));
      f("quantum", "count", q.quantum, num(o, "quantum"));
      f("target", "time", q.target, num(o, "target"));
      f("interval", "time", q.interval, num(o, "interval"));
      f("ecn", "text", q.ecn, typeof o.ecn === "boolean" ? o.ecn : undefined);
      return;
    case "cake": {
      const bw = o.bandwidth;
      f(
        "bandwidth",
        "rate",
        q.bandwidth === "unlimited" ? "unlimited" : q.bandwidth,
        typeof bw === "number" ? bw * 8 : typeof bw === "string" ? bw : undefined,
      );
      f("diffserv", "text", q.diffserv, str(o, "diffserv"));
      f("flow mode", "text", q.flowMode, str(o, "flowmode"));
      f("nat", "text", q.nat, typeof o.nat === "boolean" ? o.nat : undefined);
      f("wash", "text", q.wash, typeof o.wash === "boolean" ? o.wash : undefined);
      f("ack-filter", "text", q.ackFilter && cakeAck[q.ackFilter], str(o, "ack-filter"));
      f("rtt", "time", q.rtt && cakeRtt[q.rtt], num(o, "rtt"));
      f("overhead", "count", q.overhead, num(o, "overhead"));
      f("mpu", "count", q.mpu, num(o, "mpu"));
      return;
    }
    case "sfq":
      f("limit", "count", q.limit, num(o, "limit"));
      f("quantum", "count", q.quantum, num(o, "quantum"));
      f("perturb", "time", q.perturb, secondsToUs(num(o, "perturb")));
      return;
    case "fq":
      f("limit", "count", q.limit, num(o, "limit"));
      f("flow_limit", "count", q.flowLimit, num(o, "flow_limit"));
      f("quantum", "count", q.quantum, num(o, "quantum"));
      f("maxrate", "rate", q.maxrate, bytesToBits(num(o, "maxrate")));
      return;
    case "pfifo":
      f("limit", "count", q.limit, num(o, "limit"));
      return;
    case "bfifo":
      f("limit", "size", q.limit, num(o, "limit"));
      return;
    case "prio": {
      f("bands", "count", q.bands, num(o, "bands"));
      const map = o.priomap;
      f("priomap", "text", q.priomap?.join(" "), Array.isArray(map) ? map.join(" ") : undefined);
      return;
    }
    case "mq":
      return;
    default:
      q satisfies never;
  }
}
