import { parseKeyring } from "@fleetdeck/auth";
import { generateKeyPair } from "@fleetdeck/protocol";
import { commandSignerFrom } from "../fleet/command-signer";
import type { Db } from "@fleetdeck/db";
import type { Context } from "../context";
import { getViewerBySessionToken } from "../viewer/viewer.service";

export const testKeyring = parseKeyring(`t1:${Buffer.alloc(32, 3).toString("base64")}`);
export const testSigner = commandSignerFrom(generateKeyPair().privateKey);

/** A tRPC context as the route handler builds it, for a session token (or none). */
export async function contextFor(
  db: Db,
  options: { sessionToken?: string; orgSlug?: string | null } = {},
): Promise<Context> {
  return {
    db,
    keyring: testKeyring,
    publicUrl: "http://fleetdeck.test",
    commandSigner: testSigner,
    requestId: "test",
    ip: "192.0.2.10",
    userAgent: "vitest",
    viewer: options.sessionToken ? await getViewerBySessionToken(db, options.sessionToken) : null,
    orgSlug: options.orgSlug ?? null,
  };
}
