import { claimNonces } from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import { MAX_CLOCK_SKEW_MS } from "@fleetdeck/protocol";

/**
 * Refuses a nonce seen before, on any instance, with one INSERT per few milliseconds
 * rather than one per request: claims made close together share a statement.
 */
export class NonceGuard {
  private batch = new Map<string, (fresh: boolean) => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly windowMs = 5,
  ) {}

  claim(key: string): Promise<boolean> {
    if (this.batch.has(key)) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.batch.set(key, resolve);
      this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = new Map();
    this.timer = null;
    try {
      // Kept twice the skew window: a request older than that is refused on its timestamp anyway.
      const fresh = await claimNonces(
        this.db,
        [...batch.keys()],
        new Date(Date.now() + 2 * MAX_CLOCK_SKEW_MS),
      );
      for (const [key, resolve] of batch) resolve(fresh.has(key));
    } catch {
      // Fail closed: without the check a replay could pass.
      for (const resolve of batch.values()) resolve(false);
    }
  }
}
