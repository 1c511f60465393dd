/**
 * Issue 7: a zero-bake rollout across 1,000 simulated hosts (canary 10, waves 10/50/100 %),
 * driven by the real server's rollout worker (tick + NOTIFY, lease, SKIP LOCKED); the
 * database statements it took per host; and the rollout page's render time with 1,000 hosts,
 * next to the same page for a 10-host rollout (what the page costs whatever its size).
 *
 * Simulated agents answer every command the moment it is queued, through the functions the
 * agent API runs for a real agent (stream query, ack delivered, ack running, result).
 * Statements are counted by a proxy that reads the wire protocol between each process and
 * PostgreSQL (pg_stat_statements needs shared_preload_libraries, which we cannot set).
 *
 * Needs a build for the page figures (`pnpm --filter @fleetdeck/web build`; a build running
 * meanwhile makes pages answer 500). From the repo root:
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/rollout/thousand-hosts.ts
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import {
  acknowledgeCommand,
  COMMANDS_CHANNEL,
  pendingCommands,
  recordCommandResult,
} from "@fleetdeck/api";
import { fleetWithPolicy } from "@fleetdeck/api/testing";
import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/test-server";
import type { SignedCommand } from "@fleetdeck/protocol";
import { launchBrowser } from "../../apps/web/e2e/browser";
import { SESSION_COOKIE, seedSignedInUser } from "../../apps/web/e2e/fixtures";
import { startServer } from "../../apps/web/e2e/server-process";
import { type StatementCounts, startStatementCounter } from "../lib/pg-statement-counter";
import { percentile, round } from "../lib/stats";

const HOSTS = 1000;
const STRATEGY = {
  canary: { count: 10 },
  waves: [{ percent: 10 }, { percent: 50 }, { percent: 100 }],
  bakeSeconds: 0,
};
const SMALL = { hosts: 10, strategy: { ...STRATEGY, canary: { count: 1 } } };
/** Agent requests served at once: the server's default pool size (FLEETDECK_DB_POOL_MAX). */
const AGENT_CONCURRENCY = 10;
const PAGE_LOADS = 5;
const TIMEOUT_MS = 180_000;

const database = await createTestDatabase();
const direct = createDb(database.url, { max: 2 });
const counters = {
  server: await startStatementCounter(database.url),
  agents: await startStatementCounter(database.url),
};

// ── Two fleets with a policy: 1,000 hosts, and 10 for the page's baseline ──────────────────
let started = performance.now();
const user = await seedSignedInUser(direct, {
  email: "ops@bench.test",
  orgs: [
    { slug: "bench", name: "Bench", role: "owner" },
    { slug: "small", name: "Small", role: "owner" },
  ],
});
const [big, small] = user.orgs;
if (!big || !small) throw new Error("seedSignedInUser made no organizations");
const bigFleet = await fleetWithPolicy(direct, big.id, user.userId, HOSTS);
const smallFleet = await fleetWithPolicy(direct, small.id, user.userId, SMALL.hosts);
const fleet = [...bigFleet.hosts, ...smallFleet.hosts];
const setupSeconds = (performance.now() - started) / 1000;

started = performance.now();
const server = await startServer(counters.server.url);
// The server runs in its own process group: if this script dies, take it down too.
process.once("exit", () => {
  try {
    if (server.process.exitCode === null) process.kill(-(server.process.pid as number), "SIGTERM");
  } catch {}
});
const serverStartSeconds = (performance.now() - started) / 1000;

/** User + system CPU seconds of the server process, from /proc. */
function serverCpuSeconds(): number {
  const stat = readFileSync(`/proc/${server.process.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A tRPC mutation as the dashboard sends it: same origin, session cookie, organization header. */
async function mutate<T>(orgSlug: string, procedure: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/trpc/${procedure}?batch=1`, {
    method: "POST",
    headers: {
      origin: server.url,
      "content-type": "application/json",
      cookie: `${SESSION_COOKIE}=${user.sessionToken}`,
      "x-fleetdeck-org": orgSlug,
    },
    body: JSON.stringify({ 0: { json: input } }),
  });
  const body = (await res.json()) as [{ result?: { data: { json: T } }; error?: unknown }];
  if (!body[0]?.result) throw new Error(`${procedure}: ${JSON.stringify(body)}`);
  return body[0].result.data.json;
}

async function createRollout(orgSlug: string, revisionId: string, strategy: unknown) {
  const created = await mutate<{ rolloutId: string }>(orgSlug, "rollouts.create", {
    revisionId,
    name: `${orgSlug} rollout`,
    target: { kind: "all" },
    strategy,
    start: false,
  });
  return created.rolloutId;
}

async function finished(rolloutId: string): Promise<string> {
  const begin = performance.now();
  for (;;) {
    const { rows } = await direct.pool.query<{ state: string }>(
      "SELECT state FROM rollout WHERE id = $1",
      [rolloutId],
    );
    const state = rows[0]?.state ?? "missing";
    if (!["running", "paused", "awaiting_approval"].includes(state)) return state;
    if (performance.now() - begin > TIMEOUT_MS) {
      console.error(server.output().slice(-4000));
      throw new Error(`rollout still ${state} after ${TIMEOUT_MS / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ── Simulated agents ──────────────────────────────────────────────────────────────────────
const agentsDb = createDb(counters.agents.url, { max: AGENT_CONCURRENCY + 1 });
const handled = new Set<string>();
let lastResultAt = 0;
let results = 0;

async function answer(command: SignedCommand) {
  const startedAt = Date.now();
  await acknowledgeCommand(agentsDb, command.hostId, command.id, "delivered");
  await acknowledgeCommand(agentsDb, command.hostId, command.id, "running");
  await recordCommandResult(agentsDb, command.hostId, command.id, {
    v: 1,
    state: "succeeded",
    rejection: null,
    exitCode: 0,
    output: {
      applied: true,
      restored: false,
      failingLine: null,
      differences: [],
      snapshotId: `snap-${command.id.slice(0, 8)}`,
    },
    stderr: "",
    error: null,
    startedAt,
    finishedAt: Date.now(),
    dryRun: false,
  });
  results++;
  lastResultAt = performance.now();
}

let scanning = false;
let rescan = false;
/** What the server's stream holder does on a NOTIFY: read the hosts' pending commands, send them. */
async function scan() {
  if (scanning) {
    rescan = true;
    return;
  }
  scanning = true;
  try {
    do {
      rescan = false;
      const fresh = (await pendingCommands(agentsDb, fleet)).filter((c) => !handled.has(c.id));
      for (const c of fresh) handled.add(c.id);
      let next = 0;
      const worker = async () => {
        while (next < fresh.length) await answer(fresh[next++] as SignedCommand);
      };
      await Promise.all(Array.from({ length: AGENT_CONCURRENCY }, worker));
    } while (rescan);
  } catch (error) {
    console.error("simulated agents:", error);
  } finally {
    scanning = false;
  }
}
const listener = await agentsDb.pool.connect();
listener.on("notification", () => void scan());
await listener.query(`LISTEN ${COMMANDS_CHANNEL}`);

// ── The 1,000-host rollout ────────────────────────────────────────────────────────────────
const rolloutId = await createRollout(big.slug, bigFleet.revisionId, STRATEGY);
await Promise.all(Object.values(counters).map((c) => c.reset()));
const t0 = performance.now();
const cpu0 = { bench: process.cpuUsage(), server: serverCpuSeconds() };
await mutate(big.slug, "rollouts.operate", { rolloutId, operation: "start" });
const state = await finished(rolloutId);
const observedDone = performance.now() - t0;
const benchCpu = process.cpuUsage(cpu0.bench);
const cpu = {
  bench: (benchCpu.user + benchCpu.system) / 1e6,
  server: serverCpuSeconds() - cpu0.server,
};
const load = loadavg();
const counts = {
  server: await counters.server.snapshot(),
  agents: await counters.agents.snapshot(),
};
const agentResults = results;
const lastResult = lastResultAt - t0;

const { rows: rollout } = await direct.pool.query<{
  started_at: Date;
  finished_at: Date;
  last_verified: Date;
  verified: string;
}>(
  `SELECT r.started_at, r.finished_at, max(rh.verified_at) AS last_verified,
          count(*) FILTER (WHERE rh.state = 'verified') AS verified
     FROM rollout r JOIN rollout_host rh ON rh.rollout_id = r.id WHERE r.id = $1 GROUP BY r.id`,
  [rolloutId],
);
const { rows: waves } = await direct.pool.query<{
  index: number;
  size: number;
  dispatched_at: Date;
  finished_at: Date;
  last_verified: Date;
}>(
  `SELECT w.index, w.size, w.dispatched_at, w.finished_at, max(rh.verified_at) AS last_verified
     FROM rollout_wave w JOIN rollout_host rh ON rh.rollout_id = w.rollout_id AND rh.wave = w.index
    WHERE w.rollout_id = $1 GROUP BY w.rollout_id, w.index ORDER BY w.index`,
  [rolloutId],
);
const r = rollout[0];
if (!r) throw new Error("rollout vanished");
const since = (at: Date) => round((at.getTime() - r.started_at.getTime()) / 1000, 2);

// The 10-host rollout, run the same way, so both pages show a completed rollout.
const smallRolloutId = await createRollout(small.slug, smallFleet.revisionId, SMALL.strategy);
await mutate(small.slug, "rollouts.operate", { rolloutId: smallRolloutId, operation: "start" });
await finished(smallRolloutId);

// ── The rollout page ──────────────────────────────────────────────────────────────────────
interface PageFigures {
  html: number;
  data: number;
  dataBytes: number;
  ttfb: number;
  fetch: number;
  rendered: number;
}

async function timed(url: string, headers: Record<string, string>) {
  const begin = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  if (res.status !== 200)
    throw new Error(`${url} answered ${res.status}\n${server.output().slice(-4000)}`);
  return { ms: performance.now() - begin, bytes: body.byteLength };
}

/** One cold load in Chromium (fresh profile): ms after navigation start until rows and bars show. */
async function browserLoad(url: string) {
  const browser = await launchBrowser();
  try {
    await browser.context.addCookies([
      { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
    ]);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(url, { waitUntil: "commit" });
    const rendered = await page.waitForFunction(
      () => {
        const table = Array.from(document.querySelectorAll("table")).find(
          (t) => t.caption?.textContent === "Hosts of this rollout",
        );
        const bars = document.querySelectorAll('section[aria-label="Waves"] [role="img"]');
        return (table?.tBodies[0]?.rows.length ?? 0) > 0 && bars.length > 0
          ? performance.now()
          : false;
      },
      undefined,
      { polling: "raf", timeout: 60_000 },
    );
    return await page.evaluate(
      (at) => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const data = performance
          .getEntriesByType("resource")
          .find((e) => e.name.includes("rollouts.get"));
        return { ttfb: nav.responseStart, fetch: data?.duration ?? Number.NaN, rendered: at };
      },
      (await rendered.jsonValue()) as number,
    );
  } finally {
    await browser.close();
  }
}

/** p50 of each figure over PAGE_LOADS loads, after one warm-up (Next loads a route's code on first use). */
async function measurePage(orgSlug: string, id: string): Promise<PageFigures> {
  const pageUrl = `${server.url}/o/${orgSlug}/rollouts/${id}`;
  const dataUrl = `${server.url}/api/trpc/rollouts.get?batch=1&input=${encodeURIComponent(
    JSON.stringify({ 0: { json: { rolloutId: id } } }),
  )}`;
  const cookie = `${SESSION_COOKIE}=${user.sessionToken}`;
  const samples: Omit<PageFigures, "dataBytes">[] = [];
  let dataBytes = 0;
  for (let i = 0; i <= PAGE_LOADS; i++) {
    const html = await timed(pageUrl, { cookie });
    const data = await timed(dataUrl, { cookie, "x-fleetdeck-org": orgSlug });
    const browser = await browserLoad(pageUrl);
    dataBytes = data.bytes;
    if (i > 0) samples.push({ html: html.ms, data: data.ms, ...browser });
  }
  const p50 = (key: keyof (typeof samples)[number]) =>
    round(
      percentile(
        samples.map((s) => s[key]),
        50,
      ),
    );
  return {
    html: p50("html"),
    data: p50("data"),
    dataBytes,
    ttfb: p50("ttfb"),
    fetch: p50("fetch"),
    rendered: p50("rendered"),
  };
}
const pages = {
  big: await measurePage(big.slug, rolloutId),
  small: await measurePage(small.slug, smallRolloutId),
};

await listener.query(`UNLISTEN ${COMMANDS_CHANNEL}`).catch(() => {});
listener.release();
await server.stop();
await agentsDb.close();
await Promise.all(Object.values(counters).map((c) => c.close()));
await direct.close();
await database.drop();

// ── Report ────────────────────────────────────────────────────────────────────────────────
const perHost = (n: number) => round(n / HOSTS, 2);
const top = (c: StatementCounts, n: number) =>
  [...c.byText.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([sql, times]) => `    ${String(times).padStart(6)}  ${sql}`)
    .join("\n");
const total = counts.server.statements + counts.agents.statements;
const s = (seconds: number) => `${seconds} s`;

console.log(
  `${HOSTS} hosts, waves ${waves.map((w) => w.size).join("/")}, bake 0 s; fleets created in ${round(setupSeconds)} s, server up in ${round(serverStartSeconds)} s`,
);
console.log(`rollout: ${state}, ${r.verified} verified, ${agentResults} agent results`);
console.log(`start → last host verified:   ${s(since(r.last_verified))} (engine's verified_at)`);
console.log(
  `start → completed:            ${s(since(r.finished_at))} (seen by polling: ${s(round(observedDone / 1000, 2))})`,
);
console.log(`start → last agent result:    ${s(round(lastResult / 1000, 2))}`);
console.log(
  `CPU meanwhile: server ${s(round(cpu.server, 2))}, this process (simulated agents) ${s(round(cpu.bench, 2))}; load average ${load.map((n) => round(n, 2)).join(", ")} on ${availableParallelism()} CPUs`,
);
console.log("wave   hosts  dispatched  last verified  passed   wave time");
for (const w of waves) {
  const took = round((w.finished_at.getTime() - w.dispatched_at.getTime()) / 1000, 2);
  console.log(
    `${String(w.index).padEnd(6)} ${String(w.size).padStart(5)} ${s(since(w.dispatched_at)).padStart(11)} ${s(since(w.last_verified)).padStart(14)} ${s(since(w.finished_at)).padStart(8)} ${s(took).padStart(11)}`,
  );
}
console.log(
  "database statements, start → completed (counted on the wire by a proxy per process: simple queries + extended-protocol executes):",
);
console.log(
  `  server (start request, worker, engine): ${counts.server.statements} statements in ${counts.server.roundTrips} round trips, ${perHost(counts.server.statements)} per host`,
);
console.log(
  `  agent API path (stream query, 2 acks, result): ${counts.agents.statements} statements, ${perHost(counts.agents.statements)} per host`,
);
console.log(`  total: ${total} statements, ${perHost(total)} per host`);
console.log(`  server, most frequent:\n${top(counts.server, 8)}`);
console.log(`  agent API path, most frequent:\n${top(counts.agents, 5)}`);
console.log(
  `rollout page, p50 of ${PAGE_LOADS} loads after a warm-up: ${HOSTS} hosts | ${SMALL.hosts} hosts`,
);
const row = (label: string, f: (p: PageFigures) => string) =>
  console.log(`  ${label.padEnd(52)} ${f(pages.big).padStart(10)} | ${f(pages.small)}`);
row("GET /o/<org>/rollouts/<id> (HTML shell)", (p) => `${p.html} ms`);
row("GET rollouts.get (tRPC, the page's data)", (p) => `${p.data} ms`);
row("  its size", (p) => `${round(p.dataBytes / 1024)} kB`);
row("Chromium, fresh profile: first byte", (p) => `${p.ttfb} ms`);
row("  data fetch (in the page)", (p) => `${p.fetch} ms`);
row("  host rows + wave bars on screen (from navigation)", (p) => `${p.rendered} ms`);
process.exit(0);
