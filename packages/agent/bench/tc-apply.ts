/**
 * The price of the agent's transaction. A 50-class HTB tree (49 leaves with a u32 filter
 * each) applied through TcService.apply — snapshot, teardown, batch, read-back, compare,
 * state files — against a bare `tc -batch` of the same compiled file, alternating in one
 * run; then one revision applied to 50 namespaces at once. Root only (namespaces).
 * Prints numbers, asserts nothing. Run: `npx tsx packages/agent/bench/tc-apply.ts`.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { compilePolicy, renderBatch } from "@fleetdeck/tc";
import { canUseNetns, createTestNs, serviceIn, type TestNs } from "../src/tc/testing/netns";
import { tempDir } from "../src/testing/fixtures";

const REPS = Number(process.env.TC_BENCH_REPS ?? 15);
const FLEET = Number(process.env.TC_BENCH_NAMESPACES ?? 50);

const leaves = Array.from({ length: 49 }, (_, i) => ({
  id: `1:${(0x10 + i).toString(16)}`,
  rate: "10mbit",
  ceil: "1gbit",
  prio: i % 8,
}));
const spec = {
  version: 1,
  rules: [
    {
      interfaces: ["eth0"],
      egress: {
        kind: "htb",
        defaultClass: "1:10",
        classes: [{ id: "1:1", rate: "1gbit", children: leaves }],
        filters: leaves.map((leaf, i) => ({
          kind: "u32",
          prio: i + 1,
          match: { dst: `10.${i}.0.0/16` },
          target: leaf.id,
        })),
      },
    },
  ],
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const revision = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

async function single(): Promise<void> {
  const compiled = compilePolicy(spec, { interfaces: ["eth0", "lo"] });
  if (!compiled.ok) throw new Error("the bench policy does not compile");
  const ns = await createTestNs(["eth0"], "fdbench");
  const { dir, cleanup } = await tempDir("fleetdeck-tcbench-");
  try {
    const file = join(dir, "bare.tc");
    await writeFile(file, renderBatch(compiled.plan.batch));
    // On a host the interface list is a readdir of /sys/class/net, in-process; in a
    // namespace that would take an `ip` run per apply, so the bench names them as a host would.
    const tc = await serviceIn(ns, join(dir, "state"), {
      interfaces: async () => ["lo", "eth0", "eth0p"],
    });
    const bare: number[] = [];
    const full: number[] = [];
    const steps = {
      snapshotMs: [] as number[],
      applyMs: [] as number[],
      readbackMs: [] as number[],
    };
    const phases = new Map<string, number[]>();
    const paths = new Map<string, number>();
    for (let i = 0; i < REPS + 2; i++) {
      const b = await timed(() => ns.runner.run(["tc", "-batch", file]));
      let durations = { snapshotMs: 0, applyMs: 0, readbackMs: 0 };
      let phase: Record<string, number | string> = {};
      const f = await timed(async () => {
        const out = await tc.apply(
          { revisionId: revision(i + 1), policyName: "bench", hash: "0".repeat(64), spec },
          0,
        );
        if (!out.ok) throw new Error(out.error ?? "apply failed");
        durations = out.output.durations;
        phase = out.phases ?? {};
      });
      if (i < 2) continue; // warm-up: JIT, page cache, first namespace work
      bare.push(b);
      full.push(f);
      for (const k of Object.keys(steps) as (keyof typeof steps)[]) steps[k].push(durations[k]);
      let inside = 0;
      for (const [k, v] of Object.entries(phase)) {
        if (typeof v === "string") paths.set(`${k}: ${v}`, (paths.get(`${k}: ${v}`) ?? 0) + 1);
        else {
          phases.set(k, [...(phases.get(k) ?? []), v]);
          if (k !== "tcProcess") inside += v;
        }
      }
      // What TcService does around the transaction: current.json read and write, history, prune.
      phases.set("service", [...(phases.get("service") ?? []), f - inside]);
    }
    console.log(
      `50-class HTB tree (${compiled.plan.batch.length} batch lines), ${REPS} repetitions, medians:`,
    );
    console.log(`  bare tc -batch (in the namespace):     ${ms(median(bare))}`);
    console.log(`  agent transaction (TcService.apply):   ${ms(median(full))}`);
    console.log(
      `    snapshot ${ms(median(steps.snapshotMs))}, teardown+batch ${ms(median(steps.applyMs))}, read-back ${ms(median(steps.readbackMs))}`,
    );
    const named = [...phases].map(([k, v]) => `${k} ${ms(median(v))}`);
    console.log(`    phases (medians): ${named.join(", ")}`);
    console.log(`    ways taken: ${[...paths].map(([k, n]) => `${k} ${n}/${REPS}`).join(", ")}`);
    console.log(
      `  ratio transaction / bare:              ${(median(full) / median(bare)).toFixed(2)}x`,
    );
  } finally {
    await ns.destroy();
    await cleanup();
  }
}

async function fleet(): Promise<void> {
  const namespaces: TestNs[] = [];
  const { dir, cleanup } = await tempDir("fleetdeck-tcfleet-");
  try {
    for (let i = 0; i < FLEET; i++) namespaces.push(await createTestNs(["eth0"], "fdfleet"));
    const devices = async () => ["lo", "eth0", "eth0p"];
    const services = await Promise.all(
      namespaces.map((ns, i) => serviceIn(ns, join(dir, String(i)), { interfaces: devices })),
    );
    const results: boolean[] = [];
    const wall = await timed(() =>
      Promise.all(
        services.map(async (tc) => {
          const out = await tc.apply(
            { revisionId: revision(1), policyName: "bench", hash: "0".repeat(64), spec },
            0,
          );
          results.push(out.ok);
        }),
      ),
    );
    const ok = results.filter(Boolean).length;
    console.log(
      `one revision to ${FLEET} namespaces at once (one veth each): ${ms(wall)} wall, ${ok}/${FLEET} applied`,
    );
  } finally {
    for (const ns of namespaces) await ns.destroy();
    await cleanup();
  }
}

if (!(await canUseNetns())) {
  console.log("tc-apply bench needs root, ip and tc (network namespaces): skipped");
} else {
  await single();
  await fleet();
}
