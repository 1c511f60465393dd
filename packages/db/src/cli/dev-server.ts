import path from "node:path";
import { startEmbeddedPostgres } from "../embedded/embedded-postgres";
import { findRepoRoot } from "../migrate/migrations-dir";
import { parseDatabaseUrl, withDatabase } from "../url";

/**
 * A PostgreSQL server for developer commands: the one in DATABASE_URL when set (its
 * maintenance database is used, never the app's), else the embedded one under .fleetdeck.
 */
export async function withDevServer<T>(fn: (adminUrl: string) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) {
    parseDatabaseUrl(url);
    return fn(withDatabase(url, "postgres"));
  }
  const dataDir = process.env.FLEETDECK_DATA_DIR ?? path.join(findRepoRoot(), ".fleetdeck");
  const server = await startEmbeddedPostgres({ dataDir });
  try {
    return await fn(server.adminUrl);
  } finally {
    await server.stop();
  }
}
