import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

export interface DbOptions {
  /** Pool size; the server's default suits 2 cores beside PostgreSQL itself. */
  max?: number;
  applicationName?: string;
}

function createPrisma(pool: pg.Pool) {
  return new PrismaClient({
    // `disposeExternalPool: false`: the pool is ours, so raw SQL and metrics share it.
    adapter: new PrismaPg(pool, { disposeExternalPool: false }),
    // Secrets never leave a query by accident: whoever needs one selects it by name.
    omit: {
      user: { passwordHash: true, totpSecret: true },
      organization: { webhookSecret: true },
    },
  });
}

export type Prisma = ReturnType<typeof createPrisma>;

/** The one way into the database: a Prisma client and the pg pool under it. */
export interface Db {
  prisma: Prisma;
  /** For the few hot paths that want plain SQL (batched upserts, LISTEN). */
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDb(connectionString: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "fleetdeck",
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const prisma = createPrisma(pool);
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
