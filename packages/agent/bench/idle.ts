/**
 * Idle cost of the built agent: enroll against the fake server, run the real bundle as
 * a process with production intervals (15 s heartbeat, 20 s keepalives), and sample its
 * RSS and CPU time from /proc for IDLE_SECONDS (default 60). Prints numbers, asserts
 * nothing. Run: `npx tsx packages/agent/bench/idle.ts`.
 */
import { execFile, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { isolatedBundle } from "../src/testing/bundle";
import { FakeServer } from "../src/testing/fake-server";
import { tempDir } from "../src/testing/fixtures";

const SECONDS = Number(process.env.IDLE_SECONDS ?? 60);
const WARMUP_MS = 5_000;
const run = promisify(execFile);

async function sample(pid: number) {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start at ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
  return { ticks, rssKb };
}

const { dir, cleanup } = await tempDir("fleetdeck-idle-");
const server = new FakeServer({ heartbeatIntervalSeconds: 15, keepaliveMs: 20_000 });
await server.start();
const bundle = await isolatedBundle(dir);
const env = {
  PATH: process.env.PATH,
  FLEETDECK_AGENT_STATE_DIR: join(dir, "state"),
};
await run(
  process.execPath,
  [bundle, "enroll", "--server", server.url, "--token", server.issueToken()],
  { env },
);
// AGENT_NODE_FLAGS lets a run compare V8 flags, e.g. "--max-semi-space-size=1".
const flags = (process.env.AGENT_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const child = spawn(process.execPath, [...flags, bundle, "run"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
const pid = child.pid ?? 0;
await new Promise((r) => setTimeout(r, WARMUP_MS));
const clkTck = Number((await run("getconf", ["CLK_TCK"])).stdout.trim()) || 100;
const start = await sample(pid);
const started = Date.now();
let peakKb = start.rssKb;
const rss: number[] = [];
while (Date.now() - started < SECONDS * 1000) {
  await new Promise((r) => setTimeout(r, 1_000));
  const s = await sample(pid);
  peakKb = Math.max(peakKb, s.rssKb);
  rss.push(s.rssKb);
}
const end = await sample(pid);
const elapsed = (Date.now() - started) / 1000;
const cpuSeconds = (end.ticks - start.ticks) / clkTck;
const mean = rss.reduce((a, b) => a + b, 0) / Math.max(rss.length, 1);
child.kill("SIGTERM");
await new Promise((r) => child.on("exit", r));
await server.stop();
await cleanup();
console.log(
  JSON.stringify({
    seconds: Math.round(elapsed),
    rssMeanMB: +(mean / 1024).toFixed(1),
    rssPeakMB: +(peakKb / 1024).toFixed(1),
    cpuSeconds: +cpuSeconds.toFixed(3),
    cpuPercentOfOneCore: +((100 * cpuSeconds) / elapsed).toFixed(3),
    heartbeats: server.heartbeats.length,
    node: process.version,
  }),
);
