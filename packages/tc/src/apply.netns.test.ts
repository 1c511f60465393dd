import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CompiledPolicy, compilePolicy } from "./compile/index";
import { renderBatch } from "./render";
import { compareState } from "./state/compare";
import { parseTcState } from "./state/parse";
import { applyPlan, snapshotDevice } from "./testing/apply";
import { policyCaseArbitrary } from "./testing/arbitraries";
import { loadGoldenCases } from "./testing/golden";
import { type KernelSupport, probeKernel, unsupported } from "./testing/kernel-probe";
import { canUseNetns, createNetns, type Netns } from "./testing/netns";

/*
 * Real tc in throwaway network namespaces (root only). Every golden whose kinds
 * this kernel has is applied over a hostile pre-existing tree, read back, compared,
 * and applied again.
 */
const enabled = await canUseNetns();
const cases = loadGoldenCases();

async function readBack(ns: Netns, plan: CompiledPolicy): Promise<string[]> {
  const out: string[] = [];
  for (const device of plan.devices) {
    out.push(...compareState(device.tree, parseTcState(await snapshotDevice(ns, device.dev))));
  }
  return out;
}

/** The trees that make a naive `replace` fail: same root handle, other kind; the other ingress kind. */
async function plantForeignTree(ns: Netns, plan: CompiledPolicy): Promise<void> {
  for (const device of plan.devices) {
    const root = device.tree.egress?.qdiscs[0];
    const kind = root?.qdisc.kind === "bfifo" ? ["pfifo"] : ["bfifo", "limit", "10000"];
    await ns.tc([
      "qdisc",
      "replace",
      "dev",
      device.dev,
      "root",
      "handle",
      root?.handle ?? "1:",
      ...kind,
    ]);
    const other = device.tree.ingress?.kind === "ingress" ? "clsact" : "ingress";
    await ns.tc(["qdisc", "add", "dev", device.dev, other]).catch(() => undefined);
  }
}

describe.skipIf(!enabled)("applying compiled policies to a real kernel", () => {
  let support: KernelSupport;
  const applied: string[] = [];

  beforeAll(async () => {
    const ns = await createNetns(["probe0"]);
    try {
      support = await probeKernel(ns, "probe0");
    } finally {
      await ns.destroy();
    }
  });

  afterAll(() => {
    console.log(`tc goldens applied on this kernel: ${applied.join(", ")}`);
  });

  it.for(cases.map((c) => [c.name, c] as const))("%s", async ([, c], ctx) => {
    const result = compilePolicy(c.spec, { interfaces: c.interfaces });
    if (!result.ok) throw new Error(`${c.name} does not compile`);
    const missing = unsupported(result.plan.features, support);
    if (missing.length > 0) ctx.skip(`kernel lacks ${missing.join(", ")}`);
    const ns = await createNetns(c.interfaces.filter((n) => n !== "lo"));
    try {
      await plantForeignTree(ns, result.plan);
      expect(await applyPlan(ns, result.plan)).toMatchObject({ ok: true });
      expect(await readBack(ns, result.plan)).toEqual([]);
      // The batch alone re-applies cleanly: no "File exists", same state.
      expect(await ns.batch(renderBatch(result.plan.batch))).toMatchObject({ ok: true });
      expect(await applyPlan(ns, result.plan)).toMatchObject({ ok: true });
      expect(await readBack(ns, result.plan)).toEqual([]);
      applied.push(c.name);
    } finally {
      await ns.destroy();
    }
  });

  it("moves between any two applied trees on one interface pair", async () => {
    const plans = cases.flatMap((c) => {
      const r = compilePolicy(c.spec, { interfaces: ["eth0", "eth1", "lo"] });
      return r.ok && unsupported(r.plan.features, support).length === 0
        ? [{ name: c.name, plan: r.plan }]
        : [];
    });
    expect(plans.length).toBeGreaterThan(5);
    const ns = await createNetns(["eth0", "eth1"]);
    try {
      for (const { name, plan } of [...plans, ...plans.reverse()]) {
        expect(await applyPlan(ns, plan), name).toMatchObject({ ok: true });
        expect(await readBack(ns, plan), name).toEqual([]);
      }
    } finally {
      await ns.destroy();
    }
  });

  it("generated policies within this kernel's kinds apply and read back clean", async () => {
    const kinds = (list: string[], have: Set<string>) => list.filter((k) => have.has(k));
    const arb = policyCaseArbitrary({
      egress: kinds(
        ["htb", "prio", "mq", "tbf", "netem", "fq_codel", "cake", "sfq", "fq", "pfifo", "bfifo"],
        support.qdiscs,
      ),
      leaves: kinds(
        ["tbf", "netem", "fq_codel", "cake", "sfq", "fq", "pfifo", "bfifo"],
        support.qdiscs,
      ),
      classifiers: kinds(["u32", "flower", "fw", "matchall"], support.classifiers),
      actions: kinds(["police", "mirred"], support.actions),
      ifb: support.ifb,
    });
    for (const c of fc.sample(arb, { numRuns: 12, seed: 20240601 })) {
      const result = compilePolicy(c.spec, { interfaces: c.interfaces });
      if (!result.ok || unsupported(result.plan.features, support).length > 0) continue;
      const ns = await createNetns(c.interfaces.filter((n) => n !== "lo"));
      try {
        const first = await applyPlan(ns, result.plan);
        expect(first, renderBatch(result.plan.batch)).toMatchObject({ ok: true });
        expect(await applyPlan(ns, result.plan)).toMatchObject({ ok: true });
        expect(await readBack(ns, result.plan), renderBatch(result.plan.batch)).toEqual([]);
      } finally {
        await ns.destroy();
      }
    }
    // A dozen namespaces made and torn down: slow when other files hold the rtnl lock.
  }, 120_000);
});
