import type { Db } from "@fleetdeck/db";

/**
 * Registers request nonces; returns the subset that was new. A replayed request's nonce
 * is already there, on whichever server instance first saw it.
 */
export async function claimNonces(db: Db, nonces: string[], expiresAt: Date): Promise<Set<string>> {
  if (nonces.length === 0) return new Set();
  const { rows } = await db.pool.query<{ nonce: string }>(
    `INSERT INTO agent_nonce (nonce, expires_at) SELECT n, $2 FROM unnest($1::text[]) AS n
     ON CONFLICT DO NOTHING RETURNING nonce`,
    [nonces, expiresAt],
  );
  return new Set(rows.map((r) => r.nonce));
}

export async function pruneNonces(db: Db, now = new Date()): Promise<number> {
  const { rowCount } = await db.pool.query("DELETE FROM agent_nonce WHERE expires_at < $1", [now]);
  return rowCount ?? 0;
}
