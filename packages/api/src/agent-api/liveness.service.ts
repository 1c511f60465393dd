import type { Db } from "@fleetdeck/db";

export interface Beat {
  hostId: string;
  at: Date;
  seq: number;
  bootId: string;
  agentVersion: string;
  dryRun: boolean;
}

/**
 * Writes many heartbeats in one statement and marks those hosts online. The second
 * `host` alias reads each row as it was before this update, so hosts that were offline
 * become "online" events on their timeline in the same round trip. Returns their ids.
 */
export async function flushBeats(db: Db, beats: Beat[]): Promise<string[]> {
  if (beats.length === 0) return [];
  const { rows } = await db.pool.query<{ id: string }>(
    `WITH v AS (
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::text[], $5::text[], $6::bool[])
         AS v(id, at, seq, boot_id, agent_version, dry_run)
     ), updated AS (
       UPDATE host h
          SET last_seen_at = v.at, last_seq = v.seq, last_boot_id = v.boot_id,
              agent_version = v.agent_version, dry_run = v.dry_run, online = true
         FROM v JOIN host before ON before.id = v.id
        WHERE h.id = v.id AND h.revoked_at IS NULL
        RETURNING h.id, before.online AS was_online, v.at
     ), events AS (
       INSERT INTO host_status_event (host_id, status, at)
       SELECT id, 'online', at FROM updated WHERE NOT was_online
       RETURNING host_id
     )
     SELECT host_id AS id FROM events`,
    [
      beats.map((b) => b.hostId),
      beats.map((b) => b.at),
      beats.map((b) => b.seq),
      beats.map((b) => b.bootId),
      beats.map((b) => b.agentVersion),
      beats.map((b) => b.dryRun),
    ],
  );
  return rows.map((r) => r.id);
}

/** Hosts silent for longer than `cutoff` go offline, with an event each. */
export async function markSilentHostsOffline(db: Db, cutoff: Date): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>(
    `WITH gone AS (
       UPDATE host SET online = false
        WHERE online AND last_seen_at < $1
        RETURNING id
     ), events AS (
       INSERT INTO host_status_event (host_id, status, at) SELECT id, 'offline', now() FROM gone RETURNING host_id
     )
     SELECT host_id AS id FROM events`,
    [cutoff],
  );
  return rows.map((r) => r.id);
}
