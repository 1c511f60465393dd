import { randomUUID } from "node:crypto";
import pg from "pg";
import { type MigrationFile, readMigrations } from "./migrations-dir";

/** The advisory lock key Prisma's own schema engine takes, so the two exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  /** Applied here but changed on disk since: Prisma's `migrate status` reports these too. */
  checksumMismatches: string[];
  /** Recorded in the database but absent on disk (a newer server ran). */
  unknownToThisVersion: string[];
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so
 * several instances starting together apply each file exactly once. Rows land in
 * `_prisma_migrations` as Prisma's CLI writes them, so `prisma migrate status` agrees.
 */
export async function migrate(
  connectionString: string,
  options:
    | { dir: string; log?: (line: string) => void }
    | { migrations: MigrationFile[]; log?: (line: string) => void },
): Promise<MigrateResult> {
  const files = "dir" in options ? readMigrations(options.dir) : options.migrations;
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString, application_name: "fleetdeck-migrator" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_TABLE);
      return await applyPending(client, files, log);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(
  client: pg.Client,
  files: MigrationFile[],
  log: (line: string) => void,
): Promise<MigrateResult> {
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `migration ${failed.migration_name} failed earlier and was not rolled back; resolve it with \`prisma migrate resolve\` first`,
    );
  }
  const done = new Map(
    rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]),
  );
  const names = new Set(files.map((f) => f.name));
  const result: MigrateResult = {
    applied: [],
    alreadyApplied: 0,
    checksumMismatches: [],
    unknownToThisVersion: [...done.keys()].filter((n) => !names.has(n)),
  };
  for (const file of files) {
    const row = done.get(file.name);
    if (row) {
      result.alreadyApplied++;
      if (row.checksum !== file.checksum) result.checksumMismatches.push(file.name);
      continue;
    }
    await applyOne(client, file);
    log(`applied migration ${file.name}`);
    result.applied.push(file.name);
  }
  return result;
}

async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, file.checksum, file.name],
    );
    // The simple query protocol runs a multi-statement file as-is, dollar-quoted bodies included.
    await client.query(file.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    // The transaction undid the file, so record the attempt as rolled back: a retry is safe.
    await client
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, now(), now(), 0)`,
        [id, file.checksum, file.name, message],
      )
      .catch(() => {});
    throw new MigrationError(`migration ${file.name} failed and was rolled back: ${message}`);
  }
}

/** Names of local migrations not yet applied: what /api/health reports. */
export async function pendingMigrations(
  client: Pick<pg.Client, "query">,
  files: MigrationFile[],
): Promise<string[]> {
  const exists = await client.query<{ t: string | null }>(
    `SELECT to_regclass('"_prisma_migrations"')::text AS t`,
  );
  if (!exists.rows[0]?.t) return files.map((f) => f.name);
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Set(rows.map((r) => r.migration_name));
  return files.filter((f) => !done.has(f.name)).map((f) => f.name);
}
