import { type Beat, flushBeats } from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import { percentile } from "../lib/stats";

export interface BatchTiming {
  size: number;
  /** Fleetdeck's statement (flushBeats: host update, online events), ms. */
  fleetdeck: { p50: number; max: number };
  /** A plain upsert of the same rows into a table with nothing else on it, ms. */
  bare: { p50: number; max: number };
}

async function time(reps: number, run: (rep: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const started = performance.now();
    await run(rep);
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), max: Math.max(...samples) };
}

const beatsOf = (hostIds: string[], seq: number): Beat[] =>
  hostIds.map((hostId) => ({
    hostId,
    at: new Date(),
    seq,
    bootId: "boot",
    agentVersion: "bench-sim",
    dryRun: false,
  }));

/**
 * The heartbeat write, Fleetdeck's against the bare limit, on the same PostgreSQL and the
 * same connection pool: `reps` batches of each size, rotating through the hosts.
 */
export async function measureUpserts(
  db: Db,
  hostIds: string[],
  sizes: number[],
  reps = 10,
): Promise<BatchTiming[]> {
  await db.pool.query(`CREATE TABLE bench_heartbeat (
    host_id uuid PRIMARY KEY, at timestamptz NOT NULL, seq int NOT NULL,
    boot_id text NOT NULL, agent_version text NOT NULL, dry_run bool NOT NULL)`);
  const upsert = (beats: Beat[]) =>
    db.pool.query(
      `INSERT INTO bench_heartbeat (host_id, at, seq, boot_id, agent_version, dry_run)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::text[], $5::text[], $6::bool[])
       ON CONFLICT (host_id) DO UPDATE SET at = excluded.at, seq = excluded.seq, boot_id = excluded.boot_id,
         agent_version = excluded.agent_version, dry_run = excluded.dry_run`,
      [
        beats.map((b) => b.hostId),
        beats.map((b) => b.at),
        beats.map((b) => b.seq),
        beats.map((b) => b.bootId),
        beats.map((b) => b.agentVersion),
        beats.map((b) => b.dryRun),
      ],
    );
  await upsert(beatsOf(hostIds, 1));
  const slice = (size: number, rep: number) => {
    const from = (rep * size) % hostIds.length;
    const ids = hostIds.slice(from, from + size);
    return ids.length === size ? ids : [...ids, ...hostIds.slice(0, size - ids.length)];
  };
  const timings: BatchTiming[] = [];
  for (const size of sizes) {
    // Alternating which goes first would not change much; both run on a warm cache.
    const fleetdeck = await time(reps, (rep) =>
      flushBeats(db, beatsOf(slice(size, rep), 1000 + rep)),
    );
    const bare = await time(reps, (rep) => upsert(beatsOf(slice(size, rep), 1000 + rep)));
    timings.push({ size, fleetdeck, bare });
  }
  await db.pool.query("DROP TABLE bench_heartbeat");
  return timings;
}
