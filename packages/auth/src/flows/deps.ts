import type { Db } from "@fleetdeck/db";
import type { Keyring } from "../crypto/secret-box";
import type { RequestInfo } from "../store/sessions";

/** What every flow needs: the database, the keyring for TOTP seeds, and a clock for tests. */
export interface AuthDeps {
  db: Db;
  keyring: Keyring;
  now?: () => Date;
}

export interface Caller extends RequestInfo {
  ip: string;
}

export const nowOf = (deps: AuthDeps) => deps.now?.() ?? new Date();

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The seed is sealed with the user id as associated data: a ciphertext cannot move rows. */
export const totpContext = (userId: string) => `totp:${userId}`;
