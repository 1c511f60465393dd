#!/usr/bin/env node
// `npm test`: the whole suite. Builds, type-checks and lints every package, then runs
// every vitest project (unit, PostgreSQL, network-namespace and browser tests) in one
// run, and ends with one line: `N passed, N failed`.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureInstalled, pnpm, root, say, turbo } from "./toolchain.mjs";

const started = Date.now();
const checks = [];

async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    checks.push({ name, ok: true });
    say(`${name}: ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (error) {
    checks.push({ name, ok: false });
    say(`${name}: FAILED — ${error.message}`);
  }
}

try {
  await ensureInstalled();
} catch (error) {
  process.stderr.write(`fleetdeck: ${error.message}\n0 passed, 1 failed\n`);
  process.exit(1);
}

await check("build", () => turbo(["run", "build"]));
await check("typecheck", () => turbo(["run", "typecheck"]));
await check("lint", () => turbo(["run", "lint"]));

const resultsFile = path.join(root, ".fleetdeck", "test-results.json");
mkdirSync(path.dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
const extra = process.argv.slice(2);
await check("vitest", () =>
  pnpm([
    "exec",
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${resultsFile}`,
    ...extra,
  ]),
);

let passed = checks.filter((c) => c.ok && c.name !== "vitest").length;
let failed = checks.filter((c) => !c.ok && c.name !== "vitest").length;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A file that failed to load has no tests to count; it still fails the run.
  failed += results.testResults.filter(
    (r) => r.status === "failed" && r.assertionResults.length === 0,
  ).length;
} else if (!checks.find((c) => c.name === "vitest")?.ok) {
  failed += 1;
}
say(
  `whole suite took ${((Date.now() - started) / 1000).toFixed(0)} s (build, typecheck and lint count as one test each)`,
);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
