/**
 * Captures real `tc -j -s` output for every golden this kernel supports into
 * fixtures/state/<golden>/ (run as root: `npx tsx packages/tc/src/testing/capture-state.ts`).
 * Hand-written fixtures for kinds this kernel lacks live beside them with
 * "source" saying so; this script never overwrites those.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { compilePolicy } from "../compile/index";
import { applyPlan, snapshotDevice } from "./apply";
import { loadGoldenCases } from "./golden";
import { probeKernel, unsupported } from "./kernel-probe";
import { createNetns } from "./netns";

const stateDir = fileURLToPath(new URL("../../fixtures/state", import.meta.url));
const probe = await createNetns(["probe0"]);
const support = await probeKernel(probe, "probe0").finally(() => probe.destroy());
const kernel = readFileSync("/proc/version", "utf8").split(" ")[2] ?? "?";
const iproute2 =
  /iproute2-[\w.]+/.exec((await promisify(execFile)("tc", ["-V"])).stdout)?.[0] ?? "iproute2";

for (const c of loadGoldenCases()) {
  const result = compilePolicy(c.spec, { interfaces: c.interfaces });
  if (!result.ok || unsupported(result.plan.features, support).length > 0) continue;
  const dir = path.join(stateDir, c.name);
  const metaFile = path.join(dir, "meta.json");
  if (
    existsSync(metaFile) &&
    !JSON.parse(readFileSync(metaFile, "utf8")).source.startsWith("captured")
  )
    continue;
  const ns = await createNetns(c.interfaces.filter((n) => n !== "lo"));
  try {
    const applied = await applyPlan(ns, result.plan);
    if (!applied.ok) throw new Error(`${c.name}: ${applied.stderr}`);
    mkdirSync(dir, { recursive: true });
    const devices = result.plan.devices.map((d) => d.dev);
    for (const dev of devices) {
      const snap = await snapshotDevice(ns, dev);
      writeFileSync(path.join(dir, `${dev}.qdisc.json`), snap.qdisc);
      writeFileSync(path.join(dir, `${dev}.class.txt`), snap.class ?? "");
      writeFileSync(path.join(dir, `${dev}.filter.json`), snap.filter ?? "");
      if (snap.ingressFilter !== undefined)
        writeFileSync(path.join(dir, `${dev}.ingress-filter.json`), snap.ingressFilter);
    }
    const source = `captured from ${iproute2} on Linux ${kernel} after applying golden ${c.name}`;
    writeFileSync(metaFile, `${JSON.stringify({ source, golden: c.name, devices }, null, 2)}\n`);
    console.log(`captured ${c.name}`);
  } finally {
    await ns.destroy();
  }
}
