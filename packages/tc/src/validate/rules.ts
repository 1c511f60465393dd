import { lowerIngress } from "../compile/lower";
import type { InterfaceRule, PolicySpec } from "../model/policy";
import { isGlob } from "../names";
import { checkEgress } from "./egress";
import { checkFilters } from "./filters";
import type { Reporter } from "./issue";

export function ruleLabel(rule: InterfaceRule): string {
  return rule.interfaces.join(",");
}

function checkIngress(rule: InterfaceRule, base: string, r: Reporter): void {
  const { ingress } = rule;
  if (!ingress) return;
  const path = `${base} ingress`;
  const tree = lowerIngress(ingress);
  checkFilters(tree.filters, undefined, path, r, "ingress");
  if (!ingress.ifb) return;
  const ifb = ingress.ifb.device;
  checkEgress(ingress.ifb.egress, `${base} ifb ${ifb}`, r, true);
  if (rule.interfaces.includes(ifb)) r.error(path, `${ifb} cannot be its own IFB device`);
  const redirects = tree.filters.some((f) =>
    f.filter.actions.some((a) => a.kind === "mirred" && a.mode === "redirect" && a.device === ifb),
  );
  if (!redirects) r.warn(path, `no filter redirects to ${ifb}, so it shapes nothing`);
}

/** Names that must belong to one rule only: exact interfaces and IFB devices. */
function checkOwnership(spec: PolicySpec, r: Reporter): void {
  const owner = new Map<string, string>();
  const claim = (name: string, by: string, path: string) => {
    const first = owner.get(name);
    if (first) r.error(path, `${name} is already used by ${first}`);
    else owner.set(name, by);
  };
  spec.rules.forEach((rule, i) => {
    const label = ruleLabel(rule);
    for (const name of rule.interfaces) {
      if (!isGlob(name)) claim(name, `rule ${i + 1} (${label})`, label);
    }
  });
  spec.rules.forEach((rule, i) => {
    const ifb = rule.ingress?.ifb?.device;
    if (ifb)
      claim(ifb, `rule ${i + 1} (${ruleLabel(rule)}) as its IFB`, `${ruleLabel(rule)} ingress`);
  });
}

export function checkRules(spec: PolicySpec, r: Reporter): void {
  checkOwnership(spec, r);
  for (const rule of spec.rules) {
    const base = ruleLabel(rule);
    if (!rule.egress && !rule.ingress) {
      r.warn(base, "has neither egress nor ingress; applying resets it to the kernel's default");
    }
    if (rule.egress) checkEgress(rule.egress, `${base} egress`, r);
    checkIngress(rule, base, r);
  }
}
