import { createHash } from "node:crypto";
import { canonicalJson, type HostFacts } from "@fleetdeck/protocol";

/**
 * Fields left out of the hash because they change on every read: `uptimeSeconds`. With
 * them in, every heartbeat would look like new facts and carry the full set.
 */
export const VOLATILE_FACTS = ["uptimeSeconds"] as const satisfies readonly (keyof HostFacts)[];

export function factsHash(facts: HostFacts): string {
  const stable: Partial<HostFacts> = { ...facts };
  for (const key of VOLATILE_FACTS) delete stable[key];
  return createHash("sha256").update(canonicalJson(stable)).digest("hex");
}
