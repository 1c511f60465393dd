import { pruneChallenges, pruneFailures } from "@fleetdeck/auth";
import type { Db } from "@fleetdeck/db";
import type { Logger } from "./logger";

/** Drops expired half-logins and failure rows that no longer count; every few minutes. */
export function startHousekeeping(db: Db, logger: Logger, everyMs = 5 * 60 * 1000): () => void {
  const run = async () => {
    try {
      const [challenges, failures] = await Promise.all([pruneChallenges(db), pruneFailures(db)]);
      if (challenges + failures > 0)
        logger.debug({ challenges, failures }, "housekeeping pruned rows");
    } catch (error) {
      logger.warn({ err: error }, "housekeeping failed; will retry");
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
