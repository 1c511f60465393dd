import { readMigrations } from "@fleetdeck/db/migrator";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { defaultMigrationsDir } from "@fleetdeck/db/migrator";
import pg from "pg";
import { describe, expect, onTestFinished, test } from "vitest";
import {
  freePort,
  type RunningServer,
  spawnServer,
  startServer,
  testSecrets,
} from "../e2e/server-process";

async function exitOf(env: Record<string, string>) {
  const child = spawnServer({ PORT: String(await freePort()), ...testSecrets(), ...env });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stderr };
}

describe("server start-up", () => {
  test("two instances started at once on an empty database apply each migration exactly once", async () => {
    const database = await createTestDatabase({ migrated: false });
    const servers: RunningServer[] = [];
    onTestFinished(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database.drop();
    });
    servers.push(...(await Promise.all([startServer(database.url), startServer(database.url)])));
    for (const server of servers) {
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toMatchObject({
        status: "ok",
        migrations: { pending: [] },
        database: { reachable: true },
      });
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; n: string }>(
      `SELECT migration_name, count(*) AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1`,
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(
      readMigrations(defaultMigrationsDir()).map((m) => m.name),
    );
    expect(rows.every((r) => r.n === "1")).toBe(true);
  });

  test.each([
    [
      "a malformed URL",
      "not a url",
      "fleetdeck: DATABASE_URL is not a valid URL (expected postgresql://user:password@host:5432/database)",
    ],
    [
      "another scheme",
      "mysql://root@127.0.0.1/x",
      "fleetdeck: DATABASE_URL must start with postgresql:// (it starts with mysql://)",
    ],
    [
      "an unreachable server",
      "postgresql://postgres@127.0.0.1:1/x",
      "fleetdeck: cannot reach PostgreSQL at 127.0.0.1:1: connection refused (is it running?)",
    ],
  ])("%s gives one line naming the problem and a non-zero exit", async (_name, url, line) => {
    const { code, stderr } = await exitOf({ DATABASE_URL: url });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(line);
  });

  test("health, metrics and request ids", async () => {
    const database = await createTestDatabase();
    const server = await startServer(database.url);
    onTestFinished(async () => {
      await server.stop();
      await database.drop();
    });
    const health = await fetch(`${server.url}/api/health`, {
      headers: { "x-request-id": "trace-from-the-proxy-1" },
    });
    expect(health.status).toBe(200);
    expect(health.headers.get("x-request-id")).toBe("trace-from-the-proxy-1");
    expect(await health.json()).toMatchObject({ status: "ok", version: expect.any(String) });
    await (await fetch(`${server.url}/o/demo/fleet`)).text();
    // A request is counted when its response has finished, a moment after the client has it.
    const scrape = async () => (await fetch(`${server.url}/api/metrics`)).text();
    await expect
      .poll(scrape)
      .toMatch(
        /http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/o\/:org\/fleet"\}/,
      );
    const metrics = await scrape();
    expect(metrics).toMatch(
      /^http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/m,
    );
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(metrics).toMatch(/^db_pool_connections \d+/m);
  });
});
