import { DatabaseConfigError, describeConnectionError, parseDatabaseUrl } from "@fleetdeck/db";
import pg from "pg";

/** Connects once before anything else, so a bad URL fails with one readable line. */
export async function checkDatabase(url: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new DatabaseConfigError(describeConnectionError(error, target));
  } finally {
    await client.end().catch(() => {});
  }
}
