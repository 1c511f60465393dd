// The Fleetdeck server: one process with the dashboard (Next.js), tRPC, the agent API,
// health and metrics. Run through `npm start` (zero-setup) or `pnpm --filter @fleetdeck/web start`.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FileBlobStore, VERSION } from "@fleetdeck/api";
import { createDb, DatabaseConfigError, parseDatabaseUrl } from "@fleetdeck/db";
import { findRepoRoot, MigrationError, migrate, readMigrations } from "@fleetdeck/db/migrator";
import { setRuntime } from "../src/server/runtime";
import { startAgentApi } from "./agent";
import { printBanner } from "./banner";
import { checkDatabase } from "./check-database";
import { seedDemo } from "./demo";
import { agentBundlePath, startDemoFleet } from "./demo-fleet";
import { EnvError, parseEnv } from "./env";
import { checkHealth } from "./http/health";
import { createRequestHandler, type RouteHandler, sendJson } from "./http/handler";
import { createMetrics } from "./http/metrics";
import { startHousekeeping } from "./housekeeping";
import { createLogger } from "./logger";
import { startRolloutWorker } from "./rollout-worker";
import { readSecrets, StartupError } from "./secrets";
import { loadOrCreateSecrets, startZeroSetupDatabase } from "./zero-setup";

Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const say = (line: string) => process.stdout.write(`fleetdeck: ${line}\n`);
/** Run in order on shutdown: stop taking requests first, the database last. */
const cleanups: (() => Promise<void>)[] = [];

async function main() {
  const repoRoot = findRepoRoot(appDir);
  const env = parseEnv(process.env, repoRoot);
  const logger = createLogger(env.LOG_LEVEL);
  const zeroSetup = !env.DATABASE_URL;

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say("DATABASE_URL is not set: starting the zero-setup embedded PostgreSQL");
    loadOrCreateSecrets(env.dataDir, process.env, say);
    const embedded = await startZeroSetupDatabase(env.dataDir, say);
    cleanups.push(embedded.stop);
    databaseUrl = embedded.url;
    process.env.DATABASE_URL = databaseUrl;
  }
  const { keyring, signer } = readSecrets(process.env);
  parseDatabaseUrl(databaseUrl);
  await checkDatabase(databaseUrl);

  const migrations = readMigrations(path.join(repoRoot, "prisma", "migrations"));
  const migrated = await migrate(databaseUrl, { migrations });
  for (const name of migrated.applied) logger.info({ migration: name }, "applied migration");
  for (const name of migrated.checksumMismatches)
    logger.warn({ migration: name }, "migration changed on disk after it was applied");

  const db = createDb(databaseUrl, { max: env.FLEETDECK_DB_POOL_MAX });
  cleanups.unshift(() => db.close());
  const blobs = new FileBlobStore(path.join(env.dataDir, "blobs"));
  setRuntime({
    db,
    publicUrl: env.publicUrl,
    keyring,
    secureCookies: env.publicUrl.startsWith("https:"),
    commandSigner: signer,
    blobs,
  });
  const demo = zeroSetup || env.FLEETDECK_DEMO ? await seedDemo(db, keyring, env.dataDir) : null;
  const stopHousekeeping = startHousekeeping(db, logger);
  cleanups.unshift(async () => stopHousekeeping());
  const agentApi = await startAgentApi({
    db,
    databaseUrl,
    signer,
    logger,
    heartbeatSeconds: env.FLEETDECK_HEARTBEAT_SECONDS,
    blobs,
    uploadsDir: path.join(env.dataDir, "uploads"),
    uploadMaxBytes: env.FLEETDECK_UPLOAD_MAX_BYTES,
  });
  cleanups.unshift(() => agentApi.stop());
  const rollouts = startRolloutWorker({ db, signer, keyring, databaseUrl, logger });
  cleanups.unshift(() => rollouts.stop());

  if (!existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
    throw new StartupError(
      "the dashboard is not built: run `npm start` (it builds first) or `pnpm build`",
    );
  }
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: appDir, hostname: "localhost", port: env.PORT });
  await app.prepare();
  const nextHandler = app.getRequestHandler();

  const metrics = createMetrics(db.pool, () => agentApi.hub.size);
  const routes = new Map<string, RouteHandler>([
    [
      "/api/health",
      async (_req, res) => {
        const report = await checkHealth(db.pool, migrations, VERSION);
        sendJson(res, report.status === "ok" ? 200 : 503, report);
      },
    ],
    [
      "/api/metrics",
      async (_req, res) => {
        res.setHeader("content-type", metrics.registry.contentType);
        res.end(await metrics.registry.metrics());
      },
    ],
  ]);
  const server = createServer(
    createRequestHandler({
      logger,
      metrics,
      trustProxy: env.FLEETDECK_TRUST_PROXY,
      routes,
      prefixes: [["/api/agent/", agentApi.handler]],
      fallback: (req, res) => nextHandler(req, res),
    }),
  );
  server.keepAliveTimeout = 65_000;
  // Agent streams stay open for hours; only idle keep-alive sockets time out.
  server.requestTimeout = 0;
  await listen(server, env.PORT, env.HOST);
  cleanups.unshift(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  logger.info({ port: env.PORT, version: VERSION }, "listening");
  if (demo && env.FLEETDECK_DEMO_AGENTS) {
    const fleet = await startDemoFleet({
      db,
      organizationId: demo.organizationId,
      createdById: demo.ownerId,
      port: env.PORT,
      listenHost: env.HOST,
      dataDir: env.dataDir,
      agentBundle: agentBundlePath(repoRoot),
      logger,
    });
    cleanups.unshift(() => fleet.stop());
    if (fleet.hosts.length > 0) {
      const where = fleet.hosts[0]?.netns
        ? "each in its own network namespace"
        : "in dry-run mode (not root)";
      say(`demo fleet: ${fleet.hosts.map((h) => h.name).join(", ")} (${where})`);
    }
  }
  printBanner({ url: env.publicUrl, demo: demo?.login ?? null, zeroSetup });
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new StartupError(`port ${port} is already in use (set PORT to another)`)
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    say(`${signal}: shutting down`);
    void shutdown(0);
  });
}

main().catch(async (error: unknown) => {
  const known =
    error instanceof StartupError ||
    error instanceof EnvError ||
    error instanceof DatabaseConfigError ||
    error instanceof MigrationError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`fleetdeck: ${known ? message : `failed to start: ${message}`}\n`);
  if (!known && process.env.LOG_LEVEL === "debug") console.error(error);
  await shutdown(1);
});
