import { all, isObject, type JsonObject, num, obj, parseTcJson, str } from "./json";
import { parsePrintedRate, parsePrintedSize } from "./tc-text";
import type { ActionState, FilterState, U32Key } from "./types";

function hexNumber(v: unknown): number {
  return typeof v === "string" && v !== "" ? Number.parseInt(v, 16) >>> 0 : 0;
}

function u32Keys(options: JsonObject): U32Key[] {
  return all(options, "match")
    .filter(isObject)
    .map((m) => ({ off: num(m, "off") ?? 0, value: hexNumber(m.value), mask: hexNumber(m.mask) }));
}

function controlActions(a: JsonObject): string[] {
  return all(a, "control_action")
    .filter(isObject)
    .flatMap((c) => str(c, "type") ?? []);
}

/** tc prints police rate/burst as numbers in newer versions and text in some older ones. */
function rateOf(v: unknown): number | undefined {
  if (typeof v === "number") return v * 8;
  return typeof v === "string" ? parsePrintedRate(v) : undefined;
}

function sizeOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  return typeof v === "string" ? parsePrintedSize(v) : undefined;
}

function parseAction(a: JsonObject): ActionState {
  const kind = str(a, "kind") ?? "";
  if (kind === "mirred") {
    return {
      kind,
      mode: str(a, "mirred_action") ?? "",
      direction: str(a, "direction") ?? "",
      device: str(a, "to_dev") ?? "",
    };
  }
  if (kind === "police") {
    // police prints the exceed verdict, then the conform verdict.
    const [exceed, conform] = controlActions(a);
    return { kind, rate: rateOf(a.rate), burst: sizeOf(a.burst), exceed, conform };
  }
  return { kind: "other", name: kind };
}

/**
 * A u32 listing holds, per priority, a header, the hash table ("fh": "800:") and
 * the keys ("fh": "800::800"); only the last describe a filter. Other classifiers
 * print a header without options and then one entry per filter.
 */
function isFilterEntry(kind: string, options: JsonObject | undefined): options is JsonObject {
  if (!options) return false;
  if (kind !== "u32") return true;
  return /::/.test(str(options, "fh") ?? "");
}

export function parseFilters(text: string, defaultParent: string): FilterState[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const list = parseTcJson(trimmed);
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).flatMap((f) => {
    const kind = str(f, "kind") ?? "";
    const options = obj(f, "options");
    if (!isFilterEntry(kind, options)) return [];
    const classid = str(options, "flowid") ?? str(options, "classid");
    const handle = options.handle;
    return [
      {
        parent: str(f, "parent") ?? defaultParent,
        protocol: str(f, "protocol") ?? "",
        prio: num(f, "pref") ?? 0,
        kind,
        chain: num(f, "chain") ?? 0,
        ...(classid ? { classid } : {}),
        ...(kind === "u32" ? { u32Keys: u32Keys(options) } : {}),
        ...(kind === "flower" ? { flowerKeys: obj(options, "keys") ?? {} } : {}),
        ...(kind === "fw" && typeof handle === "string" ? { fwHandle: handle } : {}),
        actions: all(options, "actions")
          .flatMap((v) => (Array.isArray(v) ? v : []))
          .filter(isObject)
          .map(parseAction),
      },
    ];
  });
}
