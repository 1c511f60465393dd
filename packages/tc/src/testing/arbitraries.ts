import fc from "fast-check";
import type { PolicySpecInput } from "../model/policy";
import {
  actionArb,
  classifierArb,
  compact,
  type Json,
  kbits,
  leafArb,
  opt,
  pick,
} from "./arbitrary-parts";

/**
 * Generated policies for property tests, built to pass validation most of the time
 * (rates nest, targets exist) so they exercise the compiler rather than the error
 * path. Options restrict kinds, so the same generator can feed a kernel that only
 * has some of them (see testing/kernel-probe.ts).
 */
export interface ArbitraryOptions {
  egress?: readonly string[];
  leaves?: readonly string[];
  classifiers?: readonly string[];
  actions?: readonly string[];
  ingress?: boolean;
  ifb?: boolean;
  /** Occasionally put hostile strings where names go; validation must catch them. */
  hostile?: boolean;
}

export interface PolicyCase {
  spec: PolicySpecInput;
  interfaces: string[];
}

const all = {
  egress: ["htb", "prio", "mq", "tbf", "netem", "fq_codel", "cake", "sfq", "fq", "pfifo", "bfifo"],
  leaves: ["tbf", "netem", "fq_codel", "cake", "sfq", "fq", "pfifo", "bfifo"],
  classifiers: ["u32", "flower", "fw", "matchall"],
  actions: ["police", "mirred"],
};
const host = ["eth0", "eth1", "wan0", "lan0"];
const hostileNames = ["eth 0", "eth0\nqdisc", 'e"0', "e#0", "e\\0", "", "toolongname12345"];

/** Rates in any of the forms a user may type; all mean `bits`. */
const rateText = (bits: number, form: number): string | number =>
  form === 0
    ? bits
    : form === 1 && bits % 1_000_000 === 0
      ? `${bits / 1_000_000}mbit`
      : `${bits / 1000}kbit`;
/** undefined nine times in ten. */
const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: arb, weight: 1 });

interface ClassShape {
  share: number;
  headroom: number;
  prio: number | undefined;
  leaf: Json | undefined;
  children: ClassShape[];
}

function classShape(leaves: readonly string[], depth: number): fc.Arbitrary<ClassShape> {
  return fc.record({
    share: fc.integer({ min: 1, max: 100 }),
    headroom: fc.integer({ min: 0, max: 100 }),
    prio: opt(fc.integer({ min: 0, max: 7 })),
    leaf: opt(leafArb(leaves)),
    children:
      depth === 0 ? fc.constant([]) : fc.array(classShape(leaves, depth - 1), { maxLength: 3 }),
  });
}

/** Turns shapes into classes whose rates and ceils always nest inside the parent's. */
function buildClasses(
  shapes: ClassShape[],
  rate: number,
  ceil: number,
  ids: { next: number },
  leaves: string[],
  form: number,
): Json[] {
  return shapes.map((s) => {
    const minor = ids.next++;
    const id = `1:${minor.toString(16)}`;
    const own = Math.max(1000, Math.floor((rate * s.share) / 100 / shapes.length / 1000) * 1000);
    const myCeil = Math.min(
      ceil,
      own + Math.floor(((ceil - own) * s.headroom) / 100 / 1000) * 1000,
    );
    const children = buildClasses(s.children, own, Math.max(own, myCeil), ids, leaves, form);
    if (children.length === 0) leaves.push(id);
    const qdisc =
      children.length === 0 && s.leaf
        ? { ...s.leaf, handle: `${(0x100 + minor).toString(16)}:` }
        : undefined;
    return compact({
      id,
      rate: rateText(own, form),
      ceil: rateText(Math.max(own, myCeil), form),
      prio: s.prio,
      qdisc,
      children: children.length > 0 ? children : undefined,
    });
  });
}

function egressArb(
  o: Required<Omit<ArbitraryOptions, "hostile" | "ingress" | "ifb">>,
): fc.Arbitrary<Json> {
  const filters = fc.array(
    fc.record({
      c: classifierArb(o.classifiers),
      target: fc.nat(),
      actions: fc.array(actionArb(o.actions, host), { maxLength: 1 }),
    }),
    { maxLength: 3 },
  );
  const byKind: Record<string, fc.Arbitrary<Json>> = {
    htb: fc
      .record({
        rate: kbits(1000, 10_000_000),
        form: fc.integer({ min: 0, max: 2 }),
        shapes: fc.array(classShape(o.leaves, 1), { minLength: 1, maxLength: 4 }),
        def: fc.nat(),
        filters,
      })
      .map(({ rate, form, shapes, def, filters }) => {
        const leaves: string[] = [];
        const classes = [
          {
            id: "1:1",
            rate: rateText(rate, form),
            children: buildClasses(shapes, rate, rate, { next: 0x10 }, leaves, form),
          },
        ];
        const fs = filters.map(({ c, target, actions }) => ({
          ...c,
          target: leaves[target % leaves.length],
          actions,
        }));
        return { kind: "htb", defaultClass: leaves[def % leaves.length], classes, filters: fs };
      }),
    prio: fc
      .record({
        bands: fc.integer({ min: 2, max: 6 }),
        leaves: fc.array(opt(leafArb(o.leaves)), { maxLength: 6 }),
        filters,
      })
      .map(({ bands, leaves, filters }) => ({
        kind: "prio",
        bands,
        children: leaves.slice(0, bands).flatMap((q, i) => (q ? [{ band: i + 1, qdisc: q }] : [])),
        filters: filters.map(({ c, target, actions }) => ({
          ...c,
          target: `1:${((target % bands) + 1).toString(16)}`,
          actions,
        })),
      })),
    mq: fc
      .array(leafArb(o.leaves), { minLength: 1, maxLength: 4 })
      .map((qs) => ({ kind: "mq", queues: qs.map((qdisc, i) => ({ queue: i + 1, qdisc })) })),
  };
  return fc.oneof(...o.egress.map((k) => byKind[k] ?? leafArb([k])));
}

export function policyCaseArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<PolicyCase> {
  const o = {
    egress: options.egress ?? all.egress,
    leaves: options.leaves ?? all.leaves,
    classifiers: options.classifiers ?? all.classifiers,
    actions: options.actions ?? all.actions,
  };
  const ingressFilters = fc.array(
    fc.record({
      c: classifierArb(o.classifiers),
      actions: fc.array(actionArb(o.actions, host), { minLength: 1, maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 3 },
  );
  const ingress = fc
    .record({
      qdisc: pick(["ingress", "clsact"]),
      filters: ingressFilters,
      ifb:
        options.ifb === false
          ? fc.constant(undefined)
          : opt(egressArb({ ...o, egress: o.egress.filter((k) => k !== "mq") })),
    })
    .map(({ qdisc, filters, ifb }) =>
      compact({
        qdisc,
        filters: filters.map(({ c, actions }) => ({ ...c, actions })),
        ifb: ifb && { device: "ifb0", egress: ifb },
      }),
    );
  const rule = fc.record({
    egress: opt(egressArb(o)),
    ingress: options.ingress === false ? fc.constant(undefined) : opt(ingress),
  });
  return fc
    .record({
      rules: fc.array(rule, { minLength: 1, maxLength: 2 }),
      hostile: options.hostile
        ? rarely(fc.record({ at: fc.nat(), name: pick(hostileNames) }))
        : fc.constant(undefined),
    })
    .map(({ rules, hostile }) => {
      const built = rules.map((r, i) => compact({ interfaces: [host[i] ?? "eth0"], ...r }));
      // Only the first rule may own ifb0.
      for (const r of built.slice(1))
        if (typeof r.ingress === "object" && r.ingress) delete (r.ingress as Json).ifb;
      const spec = { version: 1, rules: built } as PolicySpecInput;
      if (hostile) {
        const r = spec.rules[hostile.at % spec.rules.length];
        if (r) r.interfaces = [hostile.name];
      }
      return { spec, interfaces: [...host, "lo", ...(hostile ? [hostile.name] : [])] };
    });
}

export const policySpecArbitrary = (options?: ArbitraryOptions) =>
  policyCaseArbitrary(options).map((c) => c.spec);
