// Prisma 7's migrate commands need a native schema engine that cannot be downloaded
// here, so schema diffs run on Prisma 6.19's wasm engine through a driver adapter
// (TOOLCHAIN.md). Only `src/migrate/schema-engine.ts` uses this file.
import { PrismaPg } from "adapter-pg6";
import pg from "pg";
import type { PrismaConfig } from "prisma-migrate6";

const adminUrl = process.env.FLEETDECK_SCHEMA_ENGINE_URL;
if (!adminUrl)
  throw new Error("FLEETDECK_SCHEMA_ENGINE_URL is not set (run through schema-engine.ts)");

// The wasm engine leaves a 60 s timer and pg-pool a 10 s one; let the CLI exit when done.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: () => void, ms?: number) => {
  const timer = realSetTimeout(fn, ms);
  if ((ms ?? 0) >= 5_000) timer.unref();
  return timer;
}) as typeof setTimeout;

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type QueryResult = { fields: { dataTypeID: number }[] };

// adapter-pg 6 cannot decode `name` (19) and `"char"` (18), which catalog queries return.
function relabelCatalogTypes(adapter: Adapter): Adapter {
  const target = adapter as unknown as { performIO(q: unknown): Promise<QueryResult> };
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) {
      if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
    }
    return result;
  };
  return adapter;
}

function fields(url: string, database?: string): pg.PoolConfig {
  // Discrete fields: a connectionString would override `database`.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || "postgres",
    password: decodeURIComponent(u.password) || undefined,
    database: database ?? decodeURIComponent(u.pathname.slice(1)),
    // Idle connections must not keep the finished CLI alive.
    allowExitOnIdle: true,
  };
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(fields(adminUrl as string));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

class FleetdeckPg extends PrismaPg {
  override async connect() {
    return relabelCatalogTypes(await super.connect());
  }

  override async connectToShadowDb() {
    const name = `fleetdeck_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const shadow = relabelCatalogTypes(
      await new PrismaPg(fields(adminUrl as string, name)).connect(),
    );
    const pool = (shadow as unknown as { client: pg.Pool }).client;
    // Migration files arrive whole through executeRaw; run them as one simple-protocol
    // script (the stock path splits on ";", breaking dollar-quoted function bodies).
    const target = shadow as unknown as {
      executeRaw(q: { sql: string; args: unknown[] }): Promise<number>;
      onError(e: unknown): never;
    };
    const executeRaw = target.executeRaw.bind(target);
    target.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      try {
        await pool.query(query.sql);
        return 0;
      } catch (error) {
        return target.onError(error);
      }
    };
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    };
    return shadow;
  }
}

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "../../prisma/.prisma6/schema.prisma",
  adapter: async () => new FleetdeckPg(fields(adminUrl)),
} satisfies PrismaConfig;
