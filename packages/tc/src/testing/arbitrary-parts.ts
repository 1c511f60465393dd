import fc from "fast-check";
import { minimumBurst } from "../validate/burst";

/** Pieces of generated policies: leaf qdiscs, IP matches, classifiers, actions. */
export type Json = Record<string, unknown>;

export const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
export const kbits = (min: number, max: number) => fc.integer({ min, max }).map((k) => k * 1000);
export const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
export const compact = (o: Json): Json =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function leafArb(kinds: readonly string[]): fc.Arbitrary<Json> {
  const byKind: Record<string, fc.Arbitrary<Json>> = {
    tbf: fc
      .record({
        rate: kbits(100, 1_000_000),
        factor: fc.integer({ min: 1, max: 4 }),
        latency: fc.integer({ min: 1, max: 200 }),
      })
      .map(({ rate, factor, latency }) => ({
        kind: "tbf",
        rate,
        burst: minimumBurst(rate) * factor,
        latency: `${latency}ms`,
      })),
    netem: fc
      .record({
        delay: fc.integer({ min: 1, max: 500 }),
        jitter: opt(fc.integer({ min: 1, max: 100 })),
        loss: opt(fc.integer({ min: 0, max: 1000 })),
        rate: opt(kbits(100, 100_000)),
      })
      .map(({ delay, jitter, loss, rate }) =>
        compact({
          kind: "netem",
          delay: `${delay}ms`,
          jitter: jitter && `${Math.min(jitter, delay)}ms`,
          loss: loss === undefined ? undefined : `${loss / 10}%`,
          rate,
        }),
      ),
    fq_codel: fc
      .record({ ecn: opt(fc.boolean()), limit: opt(fc.integer({ min: 1, max: 100_000 })) })
      .map((o) => compact({ kind: "fq_codel", ...o })),
    cake: fc
      .record({
        bandwidth: opt(kbits(1000, 10_000_000)),
        diffserv: opt(pick(["besteffort", "diffserv3", "diffserv4", "diffserv8"])),
        nat: opt(fc.boolean()),
      })
      .map((o) => compact({ kind: "cake", ...o })),
    sfq: fc
      .record({ perturb: opt(fc.integer({ min: 1, max: 60 })) })
      .map(({ perturb }) => compact({ kind: "sfq", perturb: perturb && `${perturb}s` })),
    fq: fc
      .record({ maxrate: opt(kbits(1000, 10_000_000)) })
      .map((o) => compact({ kind: "fq", ...o })),
    pfifo: fc
      .record({ limit: opt(fc.integer({ min: 1, max: 10_000 })) })
      .map((o) => compact({ kind: "pfifo", ...o })),
    bfifo: fc
      .record({ limit: opt(fc.integer({ min: 1514, max: 10_000_000 })) })
      .map((o) => compact({ kind: "bfifo", ...o })),
  };
  return fc.oneof(...kinds.map((k) => byKind[k] ?? fc.constant({ kind: "pfifo" })));
}

const v4 = fc
  .record({
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
    prefix: fc.integer({ min: 0, max: 32 }),
  })
  .map(({ bytes, prefix }) => {
    const masked = bytes.map(
      (b, i) => b & ((0xff << (8 - Math.max(0, Math.min(8, prefix - i * 8)))) & 0xff),
    );
    return `${masked.join(".")}/${prefix}`;
  });
const v6 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
  .map((g) => `${g.map((n) => n.toString(16)).join(":")}/128`);

function ipMatch(family: 4 | 6): fc.Arbitrary<Json> {
  return fc
    .record({
      src: opt(family === 4 ? v4 : v6),
      dst: opt(family === 4 ? v4 : v6),
      ipProto: opt(pick(["tcp", "udp", "sctp", "icmp", 47] as const)),
      sport: opt(fc.integer({ min: 1, max: 65535 })),
      dport: opt(fc.integer({ min: 1, max: 65535 })),
      tos: opt(
        fc.oneof(
          fc.record({ dscp: fc.integer({ min: 0, max: 63 }) }),
          fc.record({ tos: fc.integer({ min: 0, max: 255 }) }),
        ),
      ),
    })
    .map(({ tos, ...m }) => {
      const ports = m.ipProto === "tcp" || m.ipProto === "udp" || m.ipProto === "sctp";
      return compact({
        ...m,
        sport: ports ? m.sport : undefined,
        dport: ports ? m.dport : undefined,
        ...tos,
      });
    });
}

export function classifierArb(kinds: readonly string[]): fc.Arbitrary<Json> {
  const byKind: Record<string, fc.Arbitrary<Json>> = {
    u32: fc.oneof(
      ipMatch(4).map((match) => ({ kind: "u32", protocol: "ip", match })),
      ipMatch(6).map((match) => ({ kind: "u32", protocol: "ipv6", match })),
      fc.constant({ kind: "u32", protocol: "all" }),
    ),
    flower: fc.oneof(
      ipMatch(4).map((match) => ({ kind: "flower", protocol: "ip", match })),
      fc
        .record({
          vlanId: fc.integer({ min: 0, max: 4095 }),
          vlanPrio: opt(fc.integer({ min: 0, max: 7 })),
          inner: ipMatch(4),
        })
        .map(({ inner, ...v }) => ({
          kind: "flower",
          protocol: "802.1q",
          match: compact({
            ...v,
            ...inner,
            vlanEthType: Object.keys(inner).length > 0 ? "ip" : undefined,
          }),
        })),
    ),
    fw: fc
      .record({
        mark: fc.integer({ min: 1, max: 0xffff }),
        extra: opt(fc.integer({ min: 0, max: 0xffff })),
      })
      .map(({ mark, extra }) =>
        compact({ kind: "fw", mark, mask: extra === undefined ? undefined : (mark | extra) >>> 0 }),
      ),
    matchall: fc.constant({ kind: "matchall" }),
  };
  return fc.oneof(...kinds.map((k) => byKind[k] ?? fc.constant({ kind: "matchall" })));
}

export function actionArb(
  kinds: readonly string[],
  devices: readonly string[],
): fc.Arbitrary<Json> {
  const verdict = pick(["drop", "pass", "continue", "reclassify"]);
  const byKind: Record<string, fc.Arbitrary<Json>> = {
    police: fc
      .record({
        rate: kbits(100, 10_000_000),
        factor: fc.integer({ min: 1, max: 20 }),
        conform: verdict,
        exceed: verdict,
      })
      .map(({ rate, factor, ...v }) => ({
        kind: "police",
        rate,
        burst: minimumBurst(rate) * factor,
        ...v,
      })),
    mirred: fc
      .record({
        device: pick(devices),
        mode: pick(["redirect", "mirror"]),
        direction: pick(["egress", "ingress"]),
      })
      .map((m) => ({ kind: "mirred", ...m })),
  };
  return fc.oneof(
    ...kinds.map((k) => byKind[k] ?? fc.constant({ kind: "police", rate: "1mbit", burst: "16kb" })),
  );
}
