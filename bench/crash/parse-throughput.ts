/**
 * Crash parser throughput on one core: the shared corpus plus packages/crash/fixtures,
 * parsed over and over (logs/s, MB/s), then the time to group 100,000 parsed crashes.
 * Run from the repo root: npx tsx bench/crash/parse-throughput.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type CrashReport, groupCrashes, parseKernelLog } from "../../packages/crash/src/index";

const ROOT = resolve(import.meta.dirname, "..", "..");
const DIRS = [
  resolve(ROOT, "fixtures", "shared", "crashes"),
  resolve(ROOT, "packages", "crash", "fixtures"),
];
const SECONDS = 3;
const GROUP_SIZE = 100_000;

function loadLogs(): string[] {
  return DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".log"))
      .map((f) => readFileSync(resolve(dir, f), "utf8")),
  );
}

function throughput(label: string, logs: string[]): CrashReport[] {
  const bytes = logs.reduce((sum, log) => sum + Buffer.byteLength(log), 0);
  for (const log of logs) parseKernelLog(log); // warm-up
  const reports: CrashReport[] = [];
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1000) {
    for (const log of logs)
      for (const r of parseKernelLog(log)) if (reports.length < GROUP_SIZE) reports.push(r);
    rounds++;
  }
  const seconds = (performance.now() - start) / 1000;
  const perSecond = (rounds * logs.length) / seconds;
  const mbPerSecond = (rounds * bytes) / 1e6 / seconds;
  const avgKb = bytes / logs.length / 1024;
  console.log(
    `${label}: ${logs.length} logs (avg ${avgKb.toFixed(1)} KiB): ${perSecond.toFixed(0)} logs/s, ${mbPerSecond.toFixed(1)} MB/s`,
  );
  return reports;
}

function groupTiming(sample: CrashReport[]): void {
  const crashes: CrashReport[] = [];
  for (let i = 0; crashes.length < GROUP_SIZE; i++) {
    const r = sample[i % sample.length];
    if (r) crashes.push(r);
  }
  groupCrashes(crashes); // warm-up
  const start = performance.now();
  const groups = groupCrashes(crashes);
  const ms = performance.now() - start;
  console.log(`group ${crashes.length} crashes: ${ms.toFixed(1)} ms (${groups.length} groups)`);
}

const logs = loadLogs();
console.log(`node ${process.version}, one core, ${SECONDS} s per measurement`);
const reports = throughput("full serial consoles (boot + crash)", logs);
const excerpts = logs.flatMap((log) => {
  const lines = log.split("\n");
  return parseKernelLog(log).map((r) => lines.slice(r.lines.start - 1, r.lines.end).join("\n"));
});
throughput("oops excerpts only", excerpts);
groupTiming(reports);
