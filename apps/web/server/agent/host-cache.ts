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

/**
 * Host keys and states for request verification, so a heartbeat costs no lookup. An entry
 * lives a minute at most; a NOTIFY on the hosts channel (revoke, delete, re-key) drops it
 * at once on every instance, so a revoked host is refused on its very next request.
 */
export class HostCache {
  private readonly entries = new Map<string, { host: KnownHost | null; at: number }>();

  constructor(private readonly db: Db) {}

  async get(hostId: string): Promise<KnownHost | null> {
    const cached = this.entries.get(hostId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.host;
    const row = await this.db.prisma.host.findUnique({
      where: { id: hostId },
      select: {
        id: true,
        organizationId: true,
        name: true,
        publicKey: true,
        revokedAt: true,
        factsHash: true,
      },
    });
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
    this.entries.set(hostId, { host, at: Date.now() });
    return host;
  }

  setFactsHash(hostId: string, hash: string): void {
    const cached = this.entries.get(hostId)?.host;
    if (cached) cached.factsHash = hash;
  }

  forget(hostId: string): void {
    this.entries.delete(hostId);
  }

  forgetAll(): void {
    this.entries.clear();
  }
}
