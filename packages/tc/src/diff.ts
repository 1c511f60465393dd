import { filterPrio, htbLeafHandle, indexedChildHandle, rootHandleOf } from "./model/defaults";
import type { Action, Filter } from "./model/filter";
import type { LeafQdisc } from "./model/leaf";
import type { Egress, Ingress, PolicySpec } from "./model/policy";
import { formatPercent, formatRate, formatSize, formatTime } from "./units";
import { ruleLabel } from "./validate/rules";

/** One thing a person recognises (a qdisc, a class, a filter) and its shown fields. */
interface Entity {
  path: string;
  parent?: string;
  fields: Map<string, string>;
}

const rates = new Set(["rate", "ceil", "bandwidth", "peakrate", "maxrate"]);
const sizes = new Set(["burst", "cburst", "mtu", "quantum"]);
const times = new Set(["delay", "jitter", "latency", "target", "interval", "perturb"]);
const percents = new Set(["loss", "duplicate", "reorder", "corrupt"]);
const byteLimits = new Set(["tbf", "bfifo"]);

function show(key: string, value: unknown, kind?: string): string {
  if (typeof value === "number") {
    if (rates.has(key)) return formatRate(value);
    if (sizes.has(key) || (key === "limit" && kind !== undefined && byteLimits.has(kind)))
      return formatSize(value);
    if (times.has(key)) return formatTime(value);
    if (percents.has(key)) return formatPercent(value);
    if (key === "mark" || key === "mask") return `0x${value.toString(16)}`;
    return String(value);
  }
  if (typeof value === "boolean") return value ? "on" : "off";
  if (Array.isArray(value)) return value.join(" ");
  return String(value);
}

function fieldsOf(o: object, skip: readonly string[], kind?: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || skip.includes(k) || (typeof v === "object" && !Array.isArray(v)))
      continue;
    if (Array.isArray(v) && v.some((x) => typeof x === "object")) continue;
    out.set(k, show(k, v, kind));
  }
  return out;
}

function actionText(a: Action): string {
  switch (a.kind) {
    case "police":
      return `police ${formatRate(a.rate)} burst ${formatSize(a.burst)} exceed ${a.exceed} conform ${a.conform}`;
    case "mirred":
      return `mirred ${a.direction} ${a.mode} to ${a.device}`;
    default:
      return a satisfies never;
  }
}

function filterEntity(f: Filter, index: number, base: string): Entity {
  const fields = fieldsOf(f, ["prio", "actions", "match"]);
  if ("match" in f) for (const [k, v] of fieldsOf(f.match, [])) fields.set(k, v);
  for (const [i, a] of f.actions.entries()) fields.set(`action ${i + 1}`, actionText(a));
  return { path: `${base} filter prio ${filterPrio(f, index)}`, parent: base, fields };
}

function leafEntity(q: LeafQdisc, handle: string, base: string, parent: string): Entity {
  const fields = fieldsOf(q, ["kind", "handle"], q.kind);
  fields.set("handle", handle);
  return { path: `${base} ${q.kind}`, parent, fields };
}

function egressEntities(e: Egress, base: string): Entity[] {
  const root = `${base} ${e.kind}`;
  const fields = fieldsOf(e, ["kind", "handle"], e.kind);
  fields.set("handle", rootHandleOf(e));
  const out: Entity[] = [{ path: root, fields }];
  if (e.kind === "htb") {
    const walk = (classes: typeof e.classes, parent: string) => {
      for (const c of classes) {
        const path = `${base} class ${c.id}`;
        out.push({ path, parent, fields: fieldsOf(c, ["id", "children", "qdisc"]) });
        if (c.qdisc) out.push(leafEntity(c.qdisc, htbLeafHandle(c.id, c.qdisc), path, path));
        walk(c.children ?? [], path);
      }
    };
    walk(e.classes, root);
  }
  if (e.kind === "prio") {
    for (const c of e.children)
      out.push(
        leafEntity(c.qdisc, indexedChildHandle(c.band, c.qdisc), `${base} band ${c.band}`, root),
      );
  }
  if (e.kind === "mq") {
    for (const q of e.queues)
      out.push(
        leafEntity(q.qdisc, indexedChildHandle(q.queue, q.qdisc), `${base} queue ${q.queue}`, root),
      );
  }
  if (e.kind === "htb" || e.kind === "prio")
    out.push(...e.filters.map((f, i) => filterEntity(f, i, root)));
  return out;
}

function ingressEntities(i: Ingress, base: string): Entity[] {
  const root = `${base} ingress`;
  const out: Entity[] = [{ path: root, fields: new Map([["qdisc", i.qdisc]]) }];
  out.push(...i.filters.map((f, n) => filterEntity(f, n, root)));
  if (i.ifb)
    out.push(
      ...egressEntities(i.ifb.egress, `${base} ifb ${i.ifb.device}`).map((e) => ({
        ...e,
        parent: e.parent ?? root,
      })),
    );
  return out;
}

function entities(spec: PolicySpec): Map<string, Entity> {
  const all = spec.rules.flatMap((rule) => {
    const base = ruleLabel(rule);
    return [
      ...(rule.egress ? egressEntities(rule.egress, `${base} egress`) : []),
      ...(rule.ingress ? ingressEntities(rule.ingress, base) : []),
    ];
  });
  return new Map(all.map((e) => [e.path, e]));
}

function summary(e: Entity): string {
  const parts = [...e.fields].filter(([k]) => k !== "handle").map(([k, v]) => `${k} ${v}`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

/**
 * A change list a person can read: "eth0 egress class 1:20 ceil 200 Mbit/s → 100
 * Mbit/s", "eth0 egress class 1:20 netem delay 20 ms added". Whole things added or
 * removed are reported once, not field by field, and not again for their children.
 */
export function diffPolicies(before: PolicySpec, after: PolicySpec): string[] {
  const a = entities(before);
  const b = entities(after);
  const out: string[] = [];
  const removed = new Set<string>();
  const added = new Set<string>();
  for (const [path, e] of a) {
    if (b.has(path)) continue;
    removed.add(path);
    if (!e.parent || !removed.has(e.parent)) out.push(`${path} removed`);
  }
  for (const [path, e] of b) {
    const old = a.get(path);
    if (!old) {
      added.add(path);
      if (!e.parent || !added.has(e.parent)) out.push(`${path} added${summary(e)}`);
      continue;
    }
    for (const [k, v] of e.fields) {
      const was = old.fields.get(k);
      if (was === undefined) out.push(`${path} ${k} ${v} added`);
      else if (was !== v) out.push(`${path} ${k} ${was} → ${v}`);
    }
    for (const [k, v] of old.fields) if (!e.fields.has(k)) out.push(`${path} ${k} ${v} removed`);
  }
  return out;
}
