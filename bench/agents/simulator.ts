/**
 * Many agents in one process against the real server, with real Ed25519 signing; then the
 * same load against a bare node:http server and a bare batched upsert, in the same run,
 * as the limits the figures are set beside. Prints a Markdown report.
 *
 * Run from the repo root with a PostgreSQL to create databases on, and a descriptor limit
 * above 2 × AGENTS + a few hundred (each agent holds a stream and a heartbeat connection,
 * on both ends): `ulimit -n 20000` first if yours is lower.
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/agents/simulator.ts
 *
 * Knobs (environment): AGENTS=5000, HEARTBEAT_SECONDS=15 (given to the server as
 * FLEETDECK_HEARTBEAT_SECONDS), MEASURE_SECONDS=60, PUSHES=50, WAVE=1000, WAVES=3,
 * AGENT_IDLE_SECONDS=60 (0 skips the real agent), SERVER_LOG_LEVEL=info,
 * CPU_PROF=<dir> (the server runs with --cpu-prof there).
 */
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { commandSignerFrom, createEnrollmentToken, enqueueCommand } from "@fleetdeck/api";
import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/test-server";
import { testSecrets } from "../../apps/web/e2e/server-process";
// What a rollout wave calls; the package exports it to its own engine only.
import { enqueueMany } from "../../packages/api/src/fleet/commands.service";
import { measureAgentIdle } from "./agent-idle";
import { Fleet } from "./fleet";
import { printReport } from "./report";
import { type Plan, runTarget } from "./run-target";
import { startBare, startFleetdeck } from "./servers";
import { measureUpserts } from "./upsert-limit";

const knob = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const AGENTS = knob("AGENTS", 5000);
const plan: Plan = {
  heartbeatSeconds: knob("HEARTBEAT_SECONDS", 15),
  measureSeconds: knob("MEASURE_SECONDS", 60),
  connectConcurrency: 100,
  singlePushes: knob("PUSHES", 50),
  waveSize: Math.min(AGENTS, knob("WAVE", 1000)),
  waves: knob("WAVES", 3),
};
const AGENT_IDLE_SECONDS = knob("AGENT_IDLE_SECONDS", 60);
const log = (line: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const limit = Number(execFileSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).trim());
if (limit < 2 * AGENTS + 500) {
  throw new Error(
    `ulimit -n is ${limit}; ${AGENTS} agents need ${2 * AGENTS + 500}: run \`ulimit -n 20000\` first`,
  );
}

const database = await createTestDatabase();
const db = createDb(database.url, { max: 4 });
const secrets = testSecrets();
const signer = commandSignerFrom(secrets.FLEETDECK_COMMAND_SIGNING_KEY);
const org = await db.prisma.organization.create({ data: { slug: "bench", name: "Bench" } });
const user = await db.prisma.user.create({
  data: { email: "bench@bench.test", name: "Bench", passwordHash: "nobody signs in here" },
});
const serverLog = path.join(tmpdir(), `fleetdeck-bench-agents-${process.pid}.log`);
const fleetdeck = await startFleetdeck({
  databaseUrl: database.url,
  logFile: serverLog,
  env: {
    ...secrets,
    FLEETDECK_HEARTBEAT_SECONDS: String(plan.heartbeatSeconds),
    LOG_LEVEL: process.env.SERVER_LOG_LEVEL ?? "info",
  },
  nodeArgs: process.env.CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CPU_PROF}`] : [],
});
log(`server up at ${fleetdeck.url} (pid ${fleetdeck.pid}, log ${serverLog})`);
const newToken = async () =>
  (
    await createEnrollmentToken(db, {
      organizationId: org.id,
      createdById: user.id,
      name: "bench",
      labels: { env: "bench" },
      maxUses: null,
      expiresInHours: 2,
      publicUrl: fleetdeck.url,
    })
  ).token;

const fleet = new Fleet(AGENTS);
let enrollSeconds = 0;
const ttlSeconds = 120;
const real = await runTarget(
  fleetdeck,
  fleet,
  plan,
  {
    single: (hostId) =>
      enqueueCommand(db, signer, {
        organizationId: org.id,
        hostId,
        type: "agent.ping",
        args: {},
        ttlSeconds,
        createdById: user.id,
      }),
    wave: (hostIds, round) =>
      enqueueMany(db, signer, {
        organizationId: org.id,
        commands: hostIds.map((hostId) => ({
          hostId,
          type: "agent.ping",
          args: {},
          idempotencyKey: `bench:${round}`,
        })),
        ttlSeconds,
        createdById: user.id,
      }),
    databasePids: async () =>
      (
        await db.pool.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
      ).rows.map((r) => r.pid),
  },
  log,
  async () => {
    fleet.useServer(fleetdeck.url, true);
    const token = await newToken();
    const started = performance.now();
    await fleet.enroll(token, 16);
    enrollSeconds = (performance.now() - started) / 1000;
    log(`${AGENTS} agents enrolled over HTTP in ${enrollSeconds.toFixed(1)} s`);
  },
);
log("fleetdeck done; heartbeat writes against the bare upsert");
const hostIds = fleet.agents.map((a) => a.hostId);
const upserts = await measureUpserts(db, hostIds, [
  Math.round(AGENTS / plan.heartbeatSeconds),
  AGENTS,
]);
const agentIdle =
  AGENT_IDLE_SECONDS > 0
    ? await measureAgentIdle(fleetdeck.url, await newToken(), AGENT_IDLE_SECONDS)
    : null;
await fleetdeck.stop();

log("bare server");
const bare = await startBare();
const broadcast = async (ids: string[]) => {
  const now = Date.now();
  const command = signer.sign({
    v: 1,
    id: crypto.randomUUID(),
    hostId: ids[0] as string,
    type: "agent.ping",
    args: {},
    idempotencyKey: `bare:${now}`,
    createdAt: now,
    expiresAt: now + ttlSeconds * 1000,
  });
  const res = await fetch(`${bare.url}/bench/broadcast`, {
    method: "POST",
    body: JSON.stringify({ hostIds: ids, data: JSON.stringify(command) }),
  });
  await res.arrayBuffer();
};
fleet.useServer(bare.url, false);
const limitRun = await runTarget(
  bare,
  fleet,
  plan,
  { single: (id) => broadcast([id]), wave: (ids) => broadcast(ids), databasePids: async () => [] },
  log,
);
await bare.stop();
await db.close();
await database.drop();

printReport({
  agents: AGENTS,
  plan,
  enrollSeconds,
  real,
  limit: limitRun,
  upserts,
  agentIdle,
});
process.exit(0);
