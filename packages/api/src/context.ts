import type { Keyring } from "@fleetdeck/auth";
import type { Db } from "@fleetdeck/db";
import type { CommandSigner } from "./fleet/command-signer";
import type { AuditNote } from "./trpc";
import type { Viewer } from "./viewer/viewer.service";

/** What every procedure starts from; tiers in trpc.ts narrow it. */
export interface Context {
  db: Db;
  /** For step-up checks of TOTP codes (seeds are sealed with it). */
  keyring: Keyring;
  /** The URL people use, for links the server hands out (invitations). */
  publicUrl: string;
  /** Signs commands as they are queued (agents pin its public key). */
  commandSigner: CommandSigner;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** The signed-in person, or null. Resolved once per request from the session cookie. */
  viewer: Viewer | null;
  /** The organization the client is working in (the `x-fleetdeck-org` header), if any. */
  orgSlug: string | null;
  /** Present during a mutation: what its automatic audit line should say. */
  audit?: AuditNote;
}
