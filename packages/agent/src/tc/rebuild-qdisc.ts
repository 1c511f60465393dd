import { type ClassState, printedSizeOption, type QdiscState } from "@fleetdeck/tc";
import { burstFor, kernelBurstTicks, type TickClock, tickToUsec } from "./tick-math";

/** argv after "qdisc replace dev X parent P handle H", or why it cannot be rebuilt. */
export type Rebuilt = { ok: true; args: string[] } | { ok: false; problem: string };

const numberOf = (o: Record<string, unknown>, key: string) =>
  typeof o[key] === "number" ? (o[key] as number) : undefined;

/**
 * The options `tc -j qdisc show` prints, back to arguments. Only kinds whose printed
 * options determine them fully are rebuilt; others are reported, not guessed.
 */
export function qdiscArgs(q: QdiscState, clock: TickClock): Rebuilt {
  const o = q.options;
  switch (q.kind) {
    case "pfifo":
    case "bfifo": {
      const limit = numberOf(o, "limit");
      return { ok: true, args: [q.kind, ...(limit === undefined ? [] : ["limit", String(limit)])] };
    }
    case "pfifo_fast":
    case "mq":
      return { ok: true, args: [q.kind] };
    case "htb": {
      const def = typeof o.default === "string" ? o.default.replace(/^0x/, "") : "0";
      const r2q = numberOf(o, "r2q");
      const directQlen = numberOf(o, "direct_qlen");
      return {
        ok: true,
        args: [
          "htb",
          "default",
          def,
          ...(r2q === undefined ? [] : ["r2q", String(r2q)]),
          ...(directQlen === undefined ? [] : ["direct_qlen", String(directQlen)]),
        ],
      };
    }
    case "tbf":
      return tbfArgs(o, clock);
    default:
      return {
        ok: false,
        problem: `cannot rebuild a ${q.kind} qdisc (${q.handle}) from its state`,
      };
  }
}

function tbfArgs(o: Record<string, unknown>, clock: TickClock): Rebuilt {
  const rate = numberOf(o, "rate");
  const burst = printedSizeOption(o, "burst");
  const lat = numberOf(o, "lat");
  const mpu = numberOf(o, "mpu");
  // iproute2 6.1 does not print the peak rate, only its minburst ("mtu" with -d).
  const peak = ["minburst", "mtu", "prate", "peakrate"].some((k) => o[k] !== undefined);
  if (peak)
    return { ok: false, problem: "cannot rebuild a tbf with a peak rate (tc does not print it)" };
  if (rate === undefined || burst === undefined || lat === undefined)
    return { ok: false, problem: "tbf state lacks rate, burst or latency" };
  // With -d the burst is printed rounded ("10Kb/1"): choose one that prints back so.
  const printed = typeof o.burst === "string" ? "text" : "json";
  const entered = burstFor(clock, rate, burst, printed, "kernel");
  const buffer = kernelBurstTicks(rate, entered);
  // tc prints lat = 1e6·limit/rate − buffer time; find the limit that prints `lat` again.
  const shown = (limit: number) =>
    Math.trunc(1_000_000 * (limit / rate) - tickToUsec(clock, buffer));
  const guess = Math.trunc((rate * lat) / 1_000_000 + entered);
  const reach = Math.ceil(rate / 1_000_000) + 2;
  let limit = guess;
  for (let d = 0; d <= reach; d++) {
    if (shown(guess + d) === lat) {
      limit = guess + d;
      break;
    }
    if (shown(guess - d) === lat) {
      limit = guess - d;
      break;
    }
  }
  return {
    ok: true,
    args: [
      "tbf",
      "rate",
      `${rate}bps`,
      "burst",
      `${entered}b`,
      "limit",
      `${limit}b`,
      ...(mpu ? ["mpu", `${mpu}b`] : []),
    ],
  };
}

/** argv after "class replace dev X parent P classid C": HTB only (others are implicit). */
export function htbClassArgs(c: ClassState, clock: TickClock, printed: "text" | "json"): Rebuilt {
  if (c.rate === undefined) return { ok: false, problem: `class ${c.classid} has no rate` };
  const ceil = c.ceil ?? c.rate;
  const args = ["htb", "rate", `${c.rate}bit`, "ceil", `${ceil}bit`];
  if (c.burst !== undefined)
    args.push("burst", `${burstFor(clock, c.rate / 8, c.burst, printed)}b`);
  if (c.cburst !== undefined)
    args.push("cburst", `${burstFor(clock, ceil / 8, c.cburst, printed)}b`);
  if (c.prio !== undefined) args.push("prio", String(c.prio));
  if (c.quantum !== undefined) args.push("quantum", String(c.quantum));
  return { ok: true, args };
}
