import { randomUUID } from "node:crypto";
import { type CommandSigner, ROLLOUTS_CHANNEL, sendWebhooks, stepRollout } from "@fleetdeck/api";
import type { Keyring } from "@fleetdeck/auth";
import type { Db } from "@fleetdeck/db";
import pg from "pg";
import type { Logger } from "./logger";

const LEASE_SECONDS = 15;

/**
 * Drives rollouts: every second (and at once on a NOTIFY), claims the active rollouts
 * whose lease is free or its own (FOR UPDATE SKIP LOCKED, so two instances never take the
 * same one), and steps each. A killed instance's lease lapses after 15 s and another
 * instance (or this one restarted) carries on from the state in PostgreSQL.
 */
export function startRolloutWorker(options: {
  db: Db;
  signer: CommandSigner;
  keyring: Keyring;
  databaseUrl: string;
  logger: Logger;
  tickMs?: number;
}) {
  const { db, logger } = options;
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let running = false;
  let again = false;
  let stopped = false;

  async function tick() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const { rows } = await db.pool.query<{ id: string }>(
        `UPDATE rollout SET lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2)
          WHERE id IN (SELECT id FROM rollout
                        WHERE state IN ('running', 'paused', 'awaiting_approval', 'rolling_back')
                          AND (lease_owner = $1 OR lease_expires_at IS NULL OR lease_expires_at < now())
                        ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 20)
          RETURNING id`,
        [owner, LEASE_SECONDS],
      );
      for (const { id } of rows) {
        try {
          sendWebhooks(
            db,
            options.keyring,
            await stepRollout({ db, signer: options.signer, owner }, id),
          );
        } catch (error) {
          logger.error({ err: error, rolloutId: id }, "rollout step failed; retrying next tick");
        }
      }
    } catch (error) {
      logger.warn({ err: error }, "rollout worker tick failed");
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        void tick();
      }
    }
  }

  const timer = setInterval(() => void tick(), options.tickMs ?? 1000);
  timer.unref();
  const listener = new pg.Client({
    connectionString: options.databaseUrl,
    application_name: "fleetdeck-rollouts",
  });
  listener.on("notification", () => void tick());
  listener.on("error", () => {});
  void listener
    .connect()
    .then(() => listener.query(`LISTEN ${ROLLOUTS_CHANNEL}`))
    .catch((error: unknown) =>
      logger.warn({ err: error }, "rollout wake-ups unavailable; stepping every second only"),
    );
  void tick();
  return {
    owner,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener.end().catch(() => {});
      // Give the lease back so another instance takes over at once, not after 15 s.
      await db.pool
        .query(
          "UPDATE rollout SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1",
          [owner],
        )
        .catch(() => {});
    },
  };
}
