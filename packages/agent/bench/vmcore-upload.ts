/**
 * vmcore upload over loopback: the built agent as a process finds a kdump dump whose
 * vmcore is a sparse file (VMCORE_MIB, default 1024), the fake server asks for it
 * (uploadVmcore), and the agent hashes and uploads it in chunks. Prints the rate and the
 * agent's RSS sampled every 100 ms. Asserts nothing.
 * Run: `npx tsx packages/agent/bench/vmcore-upload.ts` (UPLOAD_CHUNK_BYTES to vary chunks).
 */
import { execFile, spawn } from "node:child_process";
import { copyFile, mkdir, readFile, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { FakeCrashEndpoints } from "../src/crash/testing/fake-crashes";
import { KDUMP_FIXTURE } from "../src/crash/testing/fixtures";
import { isolatedBundle } from "../src/testing/bundle";
import { FakeServer } from "../src/testing/fake-server";
import { eventually, tempDir } from "../src/testing/fixtures";

const MIB = 1024 * 1024;
const BYTES = Number(process.env.VMCORE_MIB ?? 1024) * MIB;
const run = promisify(execFile);

async function sample(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => ")");
  // Fields after the command name (which may contain spaces) start at ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return {
    at: performance.now(),
    rssKb: Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0),
    ticks: Number(fields[11] ?? 0) + Number(fields[12] ?? 0),
  };
}

const { dir, cleanup } = await tempDir("fleetdeck-vmcore-bench-");
const endpoints = new FakeCrashEndpoints();
endpoints.uploadVmcore = true;
const marks: Record<string, number> = {};
const server = new FakeServer({
  heartbeatIntervalSeconds: 15,
  routes: (req, res) => {
    if (req.path === "/api/agent/v1/crashes") marks.reported ??= performance.now();
    if (req.path === "/api/agent/v1/uploads") marks.created ??= performance.now();
    return endpoints.route(req, res);
  },
});
endpoints.uploads.afterChunk = (u) => {
  if (u.offset === u.length) marks.done = performance.now();
};
await server.start();

const dump = join(dir, "crash", "127.0.0.1-2024-05-01-10:22:03");
await mkdir(dump, { recursive: true });
await copyFile(
  join(KDUMP_FIXTURE, "127.0.0.1-2024-05-01-10:22:03", "vmcore-dmesg.txt"),
  join(dump, "vmcore-dmesg.txt"),
);
await writeFile(join(dump, "vmcore"), "");
await truncate(join(dump, "vmcore"), BYTES);
await mkdir(join(dir, "pstore"));

const bundle = await isolatedBundle(dir);
const env = {
  PATH: process.env.PATH,
  FLEETDECK_AGENT_STATE_DIR: join(dir, "state"),
  FLEETDECK_AGENT_KDUMP_DIR: join(dir, "crash"),
  FLEETDECK_AGENT_PSTORE_DIR: join(dir, "pstore"),
  FLEETDECK_AGENT_KMSG_PATH: "",
  FLEETDECK_AGENT_LOG_LEVEL: process.env.AGENT_LOG_LEVEL ?? "warn",
  ...(process.env.UPLOAD_CHUNK_BYTES
    ? { FLEETDECK_AGENT_UPLOAD_CHUNK_BYTES: process.env.UPLOAD_CHUNK_BYTES }
    : {}),
};
await run(
  process.execPath,
  [bundle, "enroll", "--server", server.url, "--token", server.issueToken()],
  { env },
);
// AGENT_NODE_FLAGS passes V8 flags to the agent, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
const flags = (process.env.AGENT_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const child = spawn(process.execPath, [...flags, bundle, "run"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
const pid = child.pid ?? 0;
const samples: Awaited<ReturnType<typeof sample>>[] = [];
const sampler = setInterval(() => {
  void sample(pid).then((s) => s.rssKb > 0 && samples.push(s));
}, 100);
await eventually(() => marks.done !== undefined, 600_000, "the finished upload");
await new Promise((r) => setTimeout(r, 150));
clearInterval(sampler);
const clkTck = Number((await run("getconf", ["CLK_TCK"])).stdout.trim()) || 100;
child.kill("SIGTERM");
await new Promise((r) => child.on("exit", r));
await server.stop();
await cleanup();

const [upload] = [...endpoints.uploads.uploads.values()];
const seconds = (from: number | undefined, to: number | undefined) =>
  from === undefined || to === undefined ? Number.NaN : (to - from) / 1000;
const hashSeconds = seconds(marks.reported, marks.created);
const sendSeconds = seconds(marks.created, marks.done);
const totalSeconds = seconds(marks.reported, marks.done);
const rate = (s: number) => +(BYTES / 1e6 / s).toFixed(1);
const near = (t = 0) => samples.reduce((a, b) => (Math.abs(b.at - t) < Math.abs(a.at - t) ? b : a));
const cpuSeconds = (near(marks.done).ticks - near(marks.reported).ticks) / clkTck;
const rss = samples.map((s) => s.rssKb).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bytes: BYTES,
    chunks: upload?.puts.length,
    complete: upload?.complete,
    hashSeconds: +hashSeconds.toFixed(2),
    sendSeconds: +sendSeconds.toFixed(2),
    sendMBps: rate(sendSeconds),
    endToEndMBps: rate(totalSeconds),
    agentCpuSeconds: +cpuSeconds.toFixed(2),
    rssPeakMB: +((rss.at(-1) ?? 0) / 1024).toFixed(1),
    rssMedianMB: +((rss[rss.length >> 1] ?? 0) / 1024).toFixed(1),
    node: process.version,
  }),
);
