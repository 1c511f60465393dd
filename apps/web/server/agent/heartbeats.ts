import { type Beat, flushBeats } from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import type { Logger } from "../logger";

/**
 * Heartbeats are coalesced: the latest beat of each host waits here and all of them go
 * to PostgreSQL in one statement per interval, not one row per heartbeat.
 */
export class HeartbeatWriter {
  private pending = new Map<string, Beat>();
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    intervalMs = 1000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  record(beat: Beat): void {
    this.pending.set(beat.hostId, beat);
  }

  async flush(): Promise<void> {
    if (this.flushing !== null) return this.flushing;
    if (this.pending.size === 0) return;
    const beats = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = flushBeats(this.db, beats)
      .then((cameOnline) => {
        if (cameOnline.length > 0)
          this.logger.debug({ hosts: cameOnline.length }, "hosts came online");
      })
      .catch((error: unknown) => {
        // Put them back unless newer beats arrived meanwhile; the next flush retries.
        for (const beat of beats)
          if (!this.pending.has(beat.hostId)) this.pending.set(beat.hostId, beat);
        this.logger.warn({ err: error }, "heartbeat flush failed; retrying");
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
