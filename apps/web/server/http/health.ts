import { type MigrationFile, pendingMigrations } from "@fleetdeck/db/migrator";
import type pg from "pg";

export interface HealthReport {
  status: "ok" | "degraded";
  version: string;
  uptimeSeconds: number;
  database: { reachable: boolean; latencyMs?: number; error?: string };
  migrations: { expected: number; pending: string[] };
}

/** What /api/health answers: is the database there, and is its schema this version's. */
export async function checkHealth(
  pool: pg.Pool,
  migrations: MigrationFile[],
  version: string,
): Promise<HealthReport> {
  const started = performance.now();
  const base = { version, uptimeSeconds: Math.round(process.uptime()) };
  try {
    const pending = await pendingMigrations(pool, migrations);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return {
      ...base,
      status: pending.length === 0 ? "ok" : "degraded",
      database: { reachable: true, latencyMs },
      migrations: { expected: migrations.length, pending },
    };
  } catch (error) {
    return {
      ...base,
      status: "degraded",
      database: { reachable: false, error: error instanceof Error ? error.message : String(error) },
      migrations: { expected: migrations.length, pending: [] },
    };
  }
}
