import type { RawDevice } from "./records";

/**
 * `tc -s -j` output minus what changes by itself: counters and rates, action install
 * times, and kernel-assigned action indexes (a re-created action gets the lowest free
 * index, which another namespace user may hold). What is left is the configuration;
 * two captures of the same configuration compare equal.
 */
export interface NormalisedDevice {
  qdisc: string[];
  class: string[];
  filter: string[];
  ingressFilter: string[];
  clsactEgressFilter: string[];
}

export const VOLATILE = new Set([
  "bytes",
  "packets",
  "drops",
  "overlimits",
  "requeues",
  "backlog",
  "qlen",
  "stats",
  "stats64",
  "xstats",
  "direct_packets_stat",
  "installed",
  "last_used",
  "first_used",
  "expires",
  "index",
]);
/** iproute2 repeats these keys in one object; numbering keeps JSON.parse from dropping them. */
const REPEATED = /"(match|control_action)":/g;

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!VOLATILE.has(k)) out[k] = strip(v);
  return out;
}

function jsonEntries(text: string | undefined): string[] {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") return [];
  let n = 0;
  const list: unknown = JSON.parse(trimmed.replace(REPEATED, (_m, key) => `"${key}#${n++}":`));
  if (!Array.isArray(list)) return [];
  // Dump order follows kernel hash buckets and insertion: compare as a set.
  return list.map((e) => JSON.stringify(strip(e)).replace(/#\d+"/g, '"')).sort();
}

/** iproute2 6.1 prints classes as text whatever -j says; newer ones print JSON. */
function classEntries(text: string): string[] {
  if (text.trim().startsWith("[")) return jsonEntries(text);
  return text
    .split("\n")
    .filter((l) => l.startsWith("class "))
    .map((l) => l.trim().replace(/\s+/g, " "))
    .sort();
}

export function normaliseDevice(raw: RawDevice): NormalisedDevice {
  return {
    qdisc: jsonEntries(raw.qdisc),
    class: classEntries(raw.class),
    filter: jsonEntries(raw.filter),
    ingressFilter: jsonEntries(raw.ingressFilter),
    clsactEgressFilter: jsonEntries(raw.clsactEgressFilter),
  };
}

/** "eth0 qdisc: missing {...}" / "extra {...}" lines; empty when equal. */
export function compareNormalised(
  dev: string,
  want: NormalisedDevice,
  got: NormalisedDevice,
): string[] {
  const out: string[] = [];
  for (const part of ["qdisc", "class", "filter", "ingressFilter", "clsactEgressFilter"] as const) {
    const have = new Set(got[part]);
    const wanted = new Set(want[part]);
    for (const e of want[part]) if (!have.has(e)) out.push(`${dev} ${part}: missing ${clip(e)}`);
    for (const e of got[part])
      if (!wanted.has(e)) out.push(`${dev} ${part}: unexpected ${clip(e)}`);
  }
  return out;
}

const clip = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}…` : s);

/** Counters and times as they appear in `tc -s -j` text (see VOLATILE). */
const COUNTERS =
  /"(?:bytes|packets|drops|overlimits|requeues|backlog|qlen|direct_packets_stat|installed|last_used|first_used|expires)":\d+/g;
const headers = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("class "))
    .join("\n");

/**
 * Two readings of one device hold the same configuration (what compareNormalised
 * calls equal). Usually decided by the text with its counters blanked, which is
 * stricter (action indexes, xstats kept); only when that differs is the full
 * normalisation run.
 */
export function sameConfiguration(a: RawDevice, b: RawDevice): boolean {
  if (a.dev !== b.dev) return false;
  const blank = (t: string | undefined) => (t ?? "").replace(COUNTERS, "");
  const cheap =
    blank(a.qdisc) === blank(b.qdisc) &&
    blank(a.filter) === blank(b.filter) &&
    blank(a.ingressFilter) === blank(b.ingressFilter) &&
    blank(a.clsactEgressFilter) === blank(b.clsactEgressFilter) &&
    (a.class.trim().startsWith("[")
      ? blank(a.class) === blank(b.class)
      : headers(a.class) === headers(b.class));
  if (cheap) return true;
  return compareNormalised(a.dev, normaliseDevice(a), normaliseDevice(b)).length === 0;
}
