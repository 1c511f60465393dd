/**
 * Compile time per policy: validate + bind to host + emit argv + render batch text.
 * Run: npx tsx bench/tc/compile.ts
 */
import { performance } from "node:perf_hooks";
import {
  compareState,
  compilePolicy,
  type PolicySpecInput,
  parseTcState,
  presets,
  renderBatch,
} from "../../packages/tc/src/index";
import { percentile } from "../lib/stats";
import { loadGoldenCases } from "../../packages/tc/src/testing/golden";
import { loadStateCases } from "../../packages/tc/src/testing/state-corpus";

function htbTree(classes: number): PolicySpecInput {
  const leaves = classes - 1;
  const children = Array.from({ length: leaves }, (_, i) => ({
    id: `1:${(0x10 + i).toString(16)}`,
    rate: `${Math.floor(1000 / leaves)}mbit`,
    ceil: "1gbit",
    prio: i % 8,
    qdisc: { kind: "fq_codel" as const },
  }));
  const filters = children.map((c, i) => ({
    kind: "u32" as const,
    match: { ipProto: "tcp" as const, dport: 1000 + i, src: `10.${i}.0.0/16` },
    target: c.id,
  }));
  return {
    version: 1,
    rules: [
      {
        interfaces: ["eth0"],
        egress: {
          kind: "htb",
          defaultClass: children[0]?.id,
          classes: [{ id: "1:1", rate: "1gbit", children }],
          filters,
        },
      },
    ],
  };
}

const eth0 = ["eth0"];
const policies: [string, unknown][] = [
  ["htb 50 classes + 49 u32 filters", htbTree(50)],
  ["htb 200 classes + 199 u32 filters", htbTree(200)],
  ["preset shapeEgress", presets.shapeEgress({ interfaces: eth0, rate: "100mbit" })],
  ["preset interactiveFirst", presets.interactiveFirst({ interfaces: eth0, rate: "100mbit" })],
  ["preset policeIngress", presets.policeIngress({ interfaces: eth0, rate: "50mbit" })],
  [
    "preset wanEmulation",
    presets.wanEmulation({ interfaces: eth0, delay: "40ms", jitter: "10ms", loss: "1%" }),
  ],
  ["preset cakeDiffserv4", presets.cakeDiffserv4({ interfaces: eth0, bandwidth: "200mbit" })],
];

/** Warm up, then run for ~300 ms; times in ms. */
function measure(run: () => void): { median: number; p95: number; runs: number } {
  for (let i = 0; i < 50; i++) run();
  const times: number[] = [];
  const until = performance.now() + 300;
  while (performance.now() < until || times.length < 20) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return { median: percentile(times, 50), p95: percentile(times, 95), runs: times.length };
}

const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`.padStart(12);
console.log(
  `${"policy".padEnd(36)}${"lines".padStart(6)}${"median".padStart(12)}${"p95".padStart(12)}  runs`,
);
for (const [name, spec] of policies) {
  const once = compilePolicy(spec, { interfaces: eth0 });
  if (!once.ok) throw new Error(`${name} does not compile`);
  const lines = once.plan.batch.length;
  const m = measure(() => {
    const r = compilePolicy(spec, { interfaces: eth0 });
    if (r.ok) renderBatch(r.plan.batch);
  });
  console.log(
    `${name.padEnd(36)}${String(lines).padStart(6)}${us(m.median)}${us(m.p95)}  ${m.runs}`,
  );
}

const nested = loadStateCases().find((c) => c.name === "htb-nested-kernel");
const golden = loadGoldenCases().find((c) => c.name === nested?.golden);
const compiled = golden && compilePolicy(golden.spec, { interfaces: golden.interfaces });
const snap = nested?.snapshots[0];
const device = compiled?.ok ? compiled.plan.devices[0] : undefined;
if (snap && device) {
  const m = measure(() => {
    const diff = compareState(device.tree, parseTcState(snap));
    if (diff.length > 0) throw new Error(diff.join("\n"));
  });
  console.log(
    `${"parse + compare (htb-nested capture)".padEnd(36)}${"".padStart(6)}${us(m.median)}${us(m.p95)}  ${m.runs}`,
  );
}
