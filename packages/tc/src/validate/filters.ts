import type { FilterNode } from "../compile/tree";
import { hasHostBits, parseCidr } from "../ip";
import type { Action, Filter, FlowerMatch } from "../model/filter";
import { burstProblem } from "./burst";
import type { Reporter } from "./issue";

export interface FilterTargets {
  leaves: ReadonlySet<string>;
  inner: ReadonlySet<string>;
}

const l3Fields = ["src", "dst", "ipProto", "sport", "dport", "dscp", "tos"] as const;

function family(filter: Filter): 4 | 6 | undefined {
  if (filter.protocol === "ip") return 4;
  if (filter.protocol === "ipv6") return 6;
  if (filter.kind === "flower" && filter.protocol === "802.1q") {
    const inner = filter.match.vlanEthType;
    return inner === "ip" ? 4 : inner === "ipv6" ? 6 : undefined;
  }
  return undefined;
}

function checkMatch(filter: Filter, path: string, r: Reporter): void {
  if (filter.kind !== "u32" && filter.kind !== "flower") return;
  const m = filter.match;
  const used = l3Fields.filter((f) => m[f] !== undefined);
  const fam = family(filter);
  if (used.length > 0 && fam === undefined) {
    const need =
      filter.kind === "flower" && filter.protocol === "802.1q"
        ? "vlanEthType ip or ipv6"
        : "protocol ip or ipv6";
    r.error(path, `matching ${used.join(", ")} needs ${need}, not ${filter.protocol}`);
  }
  for (const field of ["src", "dst"] as const) {
    const text = m[field];
    const cidr = text === undefined ? undefined : parseCidr(text);
    if (!cidr) continue;
    if (fam !== undefined && cidr.family !== fam) {
      r.error(path, `${field} ${text} is IPv${cidr.family} but the filter matches IPv${fam}`);
    }
    if (hasHostBits(cidr))
      r.warn(path, `${field} ${text} has bits set beyond its prefix; tc ignores them`);
  }
  const portable = m.ipProto === "tcp" || m.ipProto === "udp" || m.ipProto === "sctp";
  if ((m.sport !== undefined || m.dport !== undefined) && !portable) {
    r.error(path, "ports need ipProto tcp, udp or sctp");
  }
  if (m.dscp !== undefined && m.tos !== undefined) r.error(path, "set dscp or tos, not both");
  if (filter.kind === "flower") checkVlan(filter.match, filter.protocol, path, r);
}

function checkVlan(m: FlowerMatch, protocol: string, path: string, r: Reporter): void {
  const vlanFields = (["vlanId", "vlanPrio", "vlanEthType"] as const).filter(
    (f) => m[f] !== undefined,
  );
  if (vlanFields.length > 0 && protocol !== "802.1q") {
    r.error(path, `${vlanFields.join(", ")} needs protocol 802.1q`);
  }
}

function checkActions(actions: readonly Action[], path: string, r: Reporter): void {
  actions.forEach((action, i) => {
    if (action.kind !== "police") return;
    const small = burstProblem("burst", action.burst, action.rate);
    if (small) r.warn(`${path} action ${i + 1}`, small);
  });
}

export function checkFilters(
  filters: readonly FilterNode[],
  targets: FilterTargets | undefined,
  base: string,
  r: Reporter,
  side: "egress" | "ingress",
): void {
  const prios = new Map<number, string>();
  for (const node of filters) {
    const { filter } = node;
    const path = `${base} ${node.label}`;
    const other = prios.get(node.prio);
    if (other) r.error(path, `prio ${node.prio} is also used by ${other}`);
    else prios.set(node.prio, node.label);
    if (side === "ingress") {
      if (filter.target !== undefined) {
        r.error(path, `ingress has no classes to target (${filter.target}); use an action`);
      }
      if (filter.actions.length === 0)
        r.error(path, "does nothing: give it a police or mirred action");
    } else if (filter.target !== undefined && targets) {
      if (targets.inner.has(filter.target)) {
        r.error(path, `target ${filter.target} has children; target a leaf class`);
      } else if (!targets.leaves.has(filter.target)) {
        r.error(path, `target ${filter.target} does not exist`);
      }
    } else if (filter.target === undefined && filter.actions.length === 0) {
      r.error(path, "does nothing: give it a target class or an action");
    }
    if (filter.kind === "fw" && filter.mask !== undefined && (filter.mark & ~filter.mask) !== 0) {
      r.error(
        path,
        `mark 0x${filter.mark.toString(16)} has bits outside mask 0x${filter.mask.toString(16)}`,
      );
    }
    checkMatch(filter, path, r);
    checkActions(filter.actions, path, r);
  }
}
