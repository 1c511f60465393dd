import path from "node:path";
import { startEmbeddedPostgres } from "../embedded/embedded-postgres";
import { findRepoRoot } from "../migrate/migrations-dir";
import { dropOrphanedTestDatabases, ensureTemplateDatabase } from "./test-server";

/**
 * Vitest global setup: a PostgreSQL server for the run (TEST_DATABASE_URL or
 * DATABASE_URL, else an embedded one under .fleetdeck/test) and the migrated template
 * every test database is cloned from. Workers inherit both through the environment.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.FLEETDECK_TEST_TEMPLATE) return undefined;
  let stop: (() => Promise<void>) | undefined;
  if (!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(findRepoRoot(), ".fleetdeck", "test"),
      preferredPort: 54339,
    });
    process.env.TEST_DATABASE_URL = server.adminUrl;
    stop = server.stop;
  }
  await dropOrphanedTestDatabases();
  process.env.FLEETDECK_TEST_TEMPLATE = await ensureTemplateDatabase();
  return stop;
}
