import type { PolicySpec } from "../model/policy";
import { globMatches, isGlob } from "../names";
import type { Reporter } from "../validate/issue";
import { ruleLabel } from "../validate/rules";

export interface ResolvedRule {
  ruleIndex: number;
  devices: string[];
}

/**
 * Binds each rule to this host's interfaces. Exact names must exist; a glob may
 * match none (a warning). Globs never match "lo" nor the policy's own IFB devices,
 * so a catch-all rule like "*" does not fight an ingress rule over its IFB.
 */
export function resolveInterfaces(
  spec: PolicySpec,
  host: readonly string[],
  r: Reporter,
): ResolvedRule[] {
  const ifbs = new Set(spec.rules.flatMap((rule) => rule.ingress?.ifb?.device ?? []));
  const taken = new Map<string, number>();
  const sorted = [...new Set(host)].sort();
  return spec.rules.map((rule, ruleIndex) => {
    const label = ruleLabel(rule);
    const devices = new Set<string>();
    for (const pattern of rule.interfaces) {
      if (!isGlob(pattern)) {
        if (host.includes(pattern)) devices.add(pattern);
        else r.error(label, `${pattern} is not on this host`);
        continue;
      }
      const hits = sorted.filter((n) => n !== "lo" && !ifbs.has(n) && globMatches(pattern, n));
      if (hits.length === 0) r.warn(label, `${pattern} matches no interface on this host`);
      for (const n of hits) devices.add(n);
    }
    for (const dev of devices) {
      const first = taken.get(dev);
      if (first !== undefined) {
        r.error(
          label,
          `${dev} is also matched by rule ${first + 1} (${ruleLabel(spec.rules[first] ?? rule)})`,
        );
      } else taken.set(dev, ruleIndex);
    }
    const ifb = rule.ingress?.ifb?.device;
    if (ifb && devices.size > 1) {
      r.error(
        `${label} ingress`,
        `${ifb} would shape the ingress of ${[...devices].sort().join(" and ")} together; use one IFB per interface`,
      );
    }
    return { ruleIndex, devices: [...devices].sort() };
  });
}

/** mirred may only point at an interface on this host or an IFB the policy sets up. */
export function checkMirredTargets(spec: PolicySpec, host: readonly string[], r: Reporter): void {
  const ifbs = new Set(spec.rules.flatMap((rule) => rule.ingress?.ifb?.device ?? []));
  for (const rule of spec.rules) {
    const filters = [
      ...(rule.egress && "filters" in rule.egress ? rule.egress.filters : []),
      ...(rule.ingress?.filters ?? []),
    ];
    for (const f of filters) {
      for (const a of f.actions) {
        if (a.kind === "mirred" && !host.includes(a.device) && !ifbs.has(a.device)) {
          r.error(ruleLabel(rule), `mirred target ${a.device} is not on this host`);
        }
      }
    }
  }
}
