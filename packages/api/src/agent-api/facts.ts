import { createHash } from "node:crypto";
import type { Prisma } from "@fleetdeck/db";
import { canonicalJson, type HostFacts } from "@fleetdeck/protocol";

/**
 * The hash agents send with every heartbeat. Uptime changes every second, so it is left
 * out: facts travel when something about the host changed, not the clock.
 */
export function factsHash(facts: HostFacts): string {
  const { uptimeSeconds: _uptime, ...stable } = facts;
  return createHash("sha256").update(canonicalJson(stable)).digest("hex");
}

/** The host columns derived from facts (kept out of JSON for sorting and filtering). */
export function factsColumns(facts: HostFacts, hash: string, at: Date) {
  return {
    facts: facts as unknown as Prisma.InputJsonValue,
    factsHash: hash,
    factsUpdatedAt: at,
    kernelRelease: facts.kernelRelease,
    osName: facts.os.prettyName ?? facts.os.id,
    name: facts.hostname,
    agentVersion: facts.agentVersion,
    lastBootId: facts.bootId,
  };
}
