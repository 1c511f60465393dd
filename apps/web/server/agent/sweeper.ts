import { expireCommands, markSilentHostsOffline, pruneNonces } from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import type { Logger } from "../logger";

/**
 * Every few seconds: hosts silent for three heartbeat intervals go offline (with an
 * event), commands past expiry are expired (or "unknown" if a host vanished mid-run),
 * and nonces older than the skew window are dropped. Idempotent, so several instances
 * may run it at once.
 */
export function startSweeper(
  db: Db,
  logger: Logger,
  heartbeatSeconds: number,
  everyMs = 5000,
): () => void {
  const run = async () => {
    try {
      const now = new Date();
      const offline = await markSilentHostsOffline(
        db,
        new Date(now.getTime() - 3 * heartbeatSeconds * 1000),
      );
      const expired = await expireCommands(db, now);
      await pruneNonces(db, now);
      if (offline.length + expired > 0)
        logger.info({ offline: offline.length, expired }, "sweeper");
    } catch (error) {
      logger.warn({ err: error }, "sweeper failed; will retry");
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
