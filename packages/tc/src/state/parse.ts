import { isObject, num, obj, parseTcJson, str } from "./json";
import { parseClasses } from "./parse-class";
import { parseFilters } from "./parse-filter";
import type { DeviceState, QdiscState, QueueStats } from "./types";

/** What the agent captured for one device; see snapshotCommands(). */
export interface TcSnapshot {
  dev: string;
  /** `tc -j -s qdisc show dev X` */
  qdisc: string;
  /** `tc -j -s class show dev X` */
  class?: string;
  /** `tc -j -s filter show dev X` (filters on the root qdisc) */
  filter?: string;
  /** `tc -j -s filter show dev X parent ffff:` or, for clsact, `... ingress` */
  ingressFilter?: string;
}

/** The argv lists (after `tc`) that produce a TcSnapshot for `dev`. */
export function snapshotCommands(
  dev: string,
  ingress: "ingress" | "clsact" | undefined,
): {
  qdisc: string[];
  class: string[];
  filter: string[];
  ingressFilter?: string[];
} {
  const show = (what: string, ...rest: string[]) => ["-j", "-s", what, "show", "dev", dev, ...rest];
  const ingressFilter =
    ingress === undefined
      ? undefined
      : show("filter", ...(ingress === "clsact" ? ["ingress"] : ["parent", "ffff:"]));
  return {
    qdisc: show("qdisc"),
    class: show("class"),
    filter: show("filter"),
    ...(ingressFilter ? { ingressFilter } : {}),
  };
}

const statKeys = [
  "bytes",
  "packets",
  "drops",
  "overlimits",
  "requeues",
  "backlog",
  "qlen",
] as const;

function stats(o: Record<string, unknown>): QueueStats | undefined {
  if (num(o, "bytes") === undefined) return undefined;
  const out = {} as QueueStats;
  for (const k of statKeys) out[k] = num(o, k) ?? 0;
  return out;
}

export function parseQdiscs(text: string): QdiscState[] {
  const list = parseTcJson(text.trim() === "" ? "[]" : text);
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).flatMap((q) => {
    const kind = str(q, "kind");
    const handle = str(q, "handle");
    if (!kind || !handle) return [];
    const s = stats(q);
    return [
      {
        kind,
        handle,
        parent: q.root === true ? "root" : (str(q, "parent") ?? "root"),
        options: obj(q, "options") ?? {},
        ...(s ? { stats: s } : {}),
      },
    ];
  });
}

export function parseTcState(snapshot: TcSnapshot): DeviceState {
  const qdiscs = parseQdiscs(snapshot.qdisc);
  const root = qdiscs.find((q) => q.parent === "root");
  const ingress = qdiscs.find((q) => q.kind === "ingress" || q.kind === "clsact");
  return {
    dev: snapshot.dev,
    qdiscs,
    classes: parseClasses(snapshot.class ?? ""),
    filters: [
      ...parseFilters(snapshot.filter ?? "", root?.handle ?? "root"),
      ...parseFilters(
        snapshot.ingressFilter ?? "",
        ingress?.kind === "clsact" ? "ffff:fff2" : "ffff:",
      ),
    ],
  };
}
