import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareState, compilePolicy, parseTcState } from "@fleetdeck/tc";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HANDLERS, prepareCommand } from "../handlers";
import { PACKAGE_DIR, tempDir } from "../testing/fixtures";
import { configOf } from "./testing/capture";
import { handlerContext } from "./testing/handler-context";
import {
  type KernelSupport as KernelKinds,
  unsupported as missingKinds,
  probeKernel,
} from "@fleetdeck/tc/kernel-probe";
import { canUseNetns, createTestNs, serviceIn, type TestNs } from "./testing/netns";
import { policyCases } from "./testing/sample";

/*
 * Every golden policy of packages/tc this kernel supports, applied by the agent's own
 * tc.apply handler to veths in a fresh namespace: applied, read back equal (by the
 * test's own reading), applied again with no change. Then generated policies within
 * this kernel's kinds, as many as fit in the time box (at least 200).
 */
const enabled = await canUseNetns();
const GOLDEN = join(PACKAGE_DIR, "..", "tc", "fixtures", "golden");
const goldens = readdirSync(GOLDEN)
  .sort()
  .map((name) => ({
    name,
    ...(JSON.parse(readFileSync(join(GOLDEN, name, "policy.json"), "utf8")) as {
      interfaces: string[];
      spec: unknown;
    }),
  }));
const HASH = "f".repeat(64);
const revision = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

let kinds: KernelKinds;
const applied: string[] = [];

async function inNamespace<T>(
  devices: string[],
  work: (ns: TestNs, dir: string) => Promise<T>,
): Promise<T> {
  const ns = await createTestNs(devices);
  const { dir, cleanup } = await tempDir();
  try {
    return await work(ns, dir);
  } finally {
    await ns.destroy();
    await cleanup();
  }
}

// Side by side on a loaded 2-core machine a golden can take several seconds.
describe.skipIf(!enabled)("tc.apply on a real kernel", { timeout: 30_000 }, () => {
  beforeAll(async () => {
    kinds = await inNamespace(["probe0"], (ns) => probeKernel(ns, "probe0"));
  });
  afterAll(() => {
    if (applied.length > 0) console.log(`goldens applied by tc.apply: ${applied.join(", ")}`);
  });

  // Each golden gets its own namespace: they run side by side.
  test.concurrent.for(goldens.map((g) => [g.name, g] as const))("golden %s", async ([, g], ctx) => {
    const compiled = compilePolicy(g.spec, { interfaces: g.interfaces });
    if (!compiled.ok) throw new Error(`${g.name} does not compile`);
    const missing = missingKinds(compiled.plan.features, kinds);
    if (missing.length > 0) ctx.skip(`this kernel lacks ${missing.join(", ")}`);
    await inNamespace(
      g.interfaces.filter((n) => n !== "lo"),
      async (ns, dir) => {
        const tc = await serviceIn(ns, dir);
        const run = async (n: number) => {
          const args = {
            revisionId: revision(n),
            policyName: g.name,
            hash: HASH,
            spec: g.spec,
            commitConfirmSeconds: 0,
          };
          const prepared = prepareCommand("tc.apply", args, HANDLERS);
          if (!prepared.ok) throw new Error(prepared.error);
          return (await prepared.run(handlerContext(dir, ns.runner, tc))).output;
        };
        expect(await run(1)).toMatchObject({ applied: true, restored: false, differences: [] });
        for (const device of compiled.plan.devices) {
          const raw = {
            dev: device.dev,
            qdisc: await ns.tc(["-j", "qdisc", "show", "dev", device.dev]),
            class: await ns.tc(["-j", "class", "show", "dev", device.dev]),
            filter: await ns.tc(["-j", "filter", "show", "dev", device.dev]),
          };
          const egressOnly = { ...device.tree, ingress: undefined };
          const ours = device.tree.ingress ? egressOnly : device.tree;
          expect(
            compareState({ ...ours, dev: device.dev }, parseTcState(raw)).filter(
              (d) => !d.includes("ingress"),
            ),
          ).toEqual([]);
        }
        const first = await Promise.all(compiled.plan.devices.map((d) => configOf(ns, d.dev)));
        expect(await run(2)).toMatchObject({ applied: true, differences: [] });
        expect(await Promise.all(compiled.plan.devices.map((d) => configOf(ns, d.dev)))).toEqual(
          first,
        );
        applied.push(g.name);
      },
    );
  });

  test("generated policies within this kernel's kinds: at least 200, accepted and read back equal", async () => {
    const only = (list: string[], have: Set<string>) => list.filter((k) => have.has(k));
    const options = {
      egress: only(
        ["htb", "prio", "mq", "tbf", "netem", "fq_codel", "cake", "sfq", "fq", "pfifo", "bfifo"],
        kinds.qdiscs,
      ),
      leaves: only(
        ["tbf", "netem", "fq_codel", "cake", "sfq", "fq", "pfifo", "bfifo"],
        kinds.qdiscs,
      ),
      classifiers: only(["u32", "flower", "fw", "matchall"], kinds.classifiers),
      actions: only(["police", "mirred"], kinds.actions),
      ingress: kinds.qdiscs.has("ingress"),
      ifb: kinds.ifb,
    };
    // 200 take about 15 s on an idle 2-core machine; a busy one gets up to 90 s to get there.
    const hard = Date.now() + 90_000;
    const enough = () => done >= 200 || Date.now() > hard;
    let tried = 0;
    let done = 0;
    const failures: string[] = [];
    const worker = (seed: number) =>
      inNamespace(["eth0", "eth1", "wan0", "lan0"], async (ns, dir) => {
        const tc = await serviceIn(ns, dir);
        for (const c of policyCases(options, seed)) {
          if (enough() || failures.length > 0) break;
          const compiled = compilePolicy(c.spec, { interfaces: c.interfaces });
          if (!compiled.ok || missingKinds(compiled.plan.features, kinds).length > 0) continue;
          tried += 1;
          const outcome = await tc.apply(
            { revisionId: revision(tried), policyName: "generated", hash: HASH, spec: c.spec },
            0,
          );
          if (outcome.ok) done += 1;
          else failures.push(`${outcome.error}\n${JSON.stringify(c.spec)}`);
        }
      });
    await Promise.all([worker(20240601), worker(7), worker(99)]);
    console.log(`generated policies applied through the transaction: ${done} of ${tried}`);
    expect(failures).toEqual([]);
    expect(done).toBeGreaterThanOrEqual(200);
  }, 120_000);
});
