import { createHash } from "node:crypto";
import { describe, expect, onTestFinished, test } from "vitest";
import pg from "pg";
import { createTestDatabase } from "../testing/test-server";
import { defaultMigrationsDir, readMigrations } from "./migrations-dir";
import { migrate, MigrationError } from "./migrator";

async function emptyDatabase() {
  const database = await createTestDatabase({ migrated: false });
  onTestFinished(() => database.drop());
  return database.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const dir = defaultMigrationsDir();

describe("migrate", () => {
  test("applies every migration once and records it as Prisma's CLI does", async () => {
    const url = await emptyDatabase();
    const first = await migrate(url, { dir });
    expect(first.applied).toEqual(readMigrations(dir).map((m) => m.name));

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    const files = readMigrations(dir);
    expect(rows).toHaveLength(files.length);
    for (const [i, row] of rows.entries()) {
      const file = files[i];
      expect(row.migration_name).toBe(file?.name);
      expect(row.checksum).toBe(
        createHash("sha256")
          .update(file?.sql ?? "")
          .digest("hex"),
      );
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    const second = await migrate(url, { dir });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(files.length);
  });

  test("several starters at once apply each migration exactly once", async () => {
    const url = await emptyDatabase();
    const results = await Promise.all(Array.from({ length: 4 }, () => migrate(url, { dir })));
    const appliedCount = results.reduce((n, r) => n + r.applied.length, 0);
    expect(appliedCount).toBe(readMigrations(dir).length);
    const rows = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]?.n)).toBe(readMigrations(dir).length);
  });

  test("a failing migration is rolled back whole and can be retried once fixed", async () => {
    const url = await emptyDatabase();
    const bad = {
      name: "20990101000000_bad",
      sql: "CREATE TABLE half_done (id int); SELECT no_such_function();",
      checksum: "x".repeat(64),
    };
    await expect(migrate(url, { migrations: [bad] })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { migrations: [bad] })).rejects.toThrow(/no_such_function/);
    const tables = await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
    expect(tables).toHaveLength(0);

    const fixed = { ...bad, sql: "CREATE TABLE half_done (id int);" };
    expect((await migrate(url, { migrations: [fixed] })).applied).toEqual([bad.name]);
  });

  test("the append-only audit log refuses updates and deletes", async () => {
    const url = await emptyDatabase();
    await migrate(url, { dir });
    await query(
      url,
      `INSERT INTO audit_event (actor_label, action) VALUES ('system', 'test.created')`,
    );
    await expect(query(url, "UPDATE audit_event SET action = 'rewritten'")).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(query(url, "DELETE FROM audit_event")).rejects.toThrow(/cannot be changed/);
  });
});
