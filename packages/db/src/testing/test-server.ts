import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { findRepoRoot, readMigrations } from "../migrate/migrations-dir";
import { migrate } from "../migrate/migrator";
import { withDatabase } from "../url";

/** The maintenance-database URL of the PostgreSQL server tests use. */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "no test database: run through vitest (its global setup starts one) or set TEST_DATABASE_URL",
    );
  }
  return withDatabase(url, "postgres");
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const migrationsDir = () => path.join(findRepoRoot(), "prisma", "migrations");

/**
 * A migrated database that every test database is cloned from. Its name carries a hash
 * of the migrations, so a new migration builds a new template and old runs stay valid.
 */
export async function ensureTemplateDatabase(): Promise<string> {
  const files = readMigrations(migrationsDir());
  const digest = createHash("sha256")
    .update(files.map((f) => f.checksum).join(","))
    .digest("hex");
  const name = `fleetdeck_tpl_${digest.slice(0, 16)}`;
  await admin(async (client) => {
    // Serialises concurrent test runs that would build the same template.
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    try {
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
        name,
      ]);
      if (rowCount) return;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      await migrate(withDatabase(testServerUrl(), building), { migrations: files });
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]);
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test: a clone of the migrated template, or an empty one
 * (`migrated: false`) for tests of the migrator itself.
 */
export async function createTestDatabase(
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const template =
    options.migrated === false
      ? "template0"
      : (process.env.FLEETDECK_TEST_TEMPLATE ?? (await ensureTemplateDatabase()));
  const name = `fdt_${process.pid}_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: withDatabase(testServerUrl(), name),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/** Drops test databases left by runs that were killed (their pid is gone). */
export async function dropOrphanedTestDatabases(): Promise<number> {
  return admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'fdt\\_%'",
    );
    let dropped = 0;
    for (const { datname } of rows) {
      const pid = Number(datname.split("_")[1]);
      if (pidAlive(pid)) continue;
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      dropped++;
    }
    return dropped;
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
