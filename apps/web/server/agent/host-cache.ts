import type { KeyObject } from "node:crypto";
import type { Db } from "@fleetdeck/db";
import { importPublicKey } from "@fleetdeck/protocol";

export interface KnownHost {
  id: string;
  organizationId: string;
  name: string;
  key: KeyObject;
  revoked: boolean;
  factsHash: string | null;
}

const TTL_MS = 60_000;
/** A header passes a looser check; one malformed id must not fail a whole batched lookup. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Host keys and states for request verification, so a heartbeat costs no lookup. An entry
 * lives a minute at most; a NOTIFY on the hosts channel (revoke, delete, re-key) drops it
 * at once on every instance, so a revoked host is refused on its very next request.
 */
export class HostCache {
  private readonly entries = new Map<string, { host: KnownHost | null; at: number }>();
  /** Lookups waiting for the next batched query, one promise per host. */
  private readonly loading = new Map<string, Promise<KnownHost | null>>();
  private queue: { hostId: string; done(host: KnownHost | null): void; fail(e: unknown): void }[] =
    [];
  private timer: NodeJS.Timeout | null = null;
  /** Bumped by every forget: a lookup that was in flight meanwhile is not cached. */
  private epoch = 0;

  constructor(
    private readonly db: Db,
    private readonly windowMs = 2,
  ) {}

  async get(hostId: string): Promise<KnownHost | null> {
    const cached = this.entries.get(hostId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.host;
    if (!UUID.test(hostId)) return null;
    let pending = this.loading.get(hostId);
    if (!pending) {
      pending = new Promise((done, fail) => this.queue.push({ hostId, done, fail }));
      this.loading.set(hostId, pending);
      this.timer ??= setTimeout(() => void this.load(), this.windowMs);
    }
    return pending;
  }

  /**
   * One query for every host asked about in the last few milliseconds: after a restart,
   * or once entries expire, a thousand agents' requests cost one lookup, not a thousand.
   */
  private async load(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.timer = null;
    const epoch = this.epoch;
    try {
      const rows = await this.db.prisma.host.findMany({
        where: { id: { in: queue.map((q) => q.hostId) } },
        select: {
          id: true,
          organizationId: true,
          name: true,
          publicKey: true,
          revokedAt: true,
          factsHash: true,
        },
      });
      const found = new Map(rows.map((row) => [row.id, row]));
      const at = Date.now();
      for (const { hostId, done } of queue) {
        const row = found.get(hostId);
        const host = row
          ? {
              id: row.id,
              organizationId: row.organizationId,
              name: row.name,
              key: importPublicKey(row.publicKey),
              revoked: row.revokedAt !== null,
              factsHash: row.factsHash,
            }
          : null;
        if (this.epoch === epoch) this.entries.set(hostId, { host, at });
        this.loading.delete(hostId);
        done(host);
      }
    } catch (error) {
      for (const { hostId, fail } of queue) {
        this.loading.delete(hostId);
        fail(error);
      }
    }
  }

  setFactsHash(hostId: string, hash: string): void {
    const cached = this.entries.get(hostId)?.host;
    if (cached) cached.factsHash = hash;
  }

  forget(hostId: string): void {
    this.epoch++;
    this.entries.delete(hostId);
    // A lookup already in flight may have read the row before the change: the next
    // request starts its own.
    this.loading.delete(hostId);
  }

  forgetAll(): void {
    this.epoch++;
    this.entries.clear();
  }
}
