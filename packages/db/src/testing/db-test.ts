import { test } from "vitest";
import { createDb, type Db } from "../client";
import { createTestDatabase } from "./test-server";

/**
 * `dbTest` gives each test its own migrated, empty database on a real PostgreSQL,
 * cloned from a template in a few tens of milliseconds, and drops it afterwards.
 */
export const dbTest = test.extend<{ databaseUrl: string; db: Db }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures must destructure their context
  databaseUrl: async ({}, use) => {
    const database = await createTestDatabase();
    await use(database.url);
    await database.drop();
  },
  db: async ({ databaseUrl }, use) => {
    const db = createDb(databaseUrl, { max: 4, applicationName: "fleetdeck-test" });
    await use(db);
    await db.close();
  },
});
