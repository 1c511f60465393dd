import { type Keyring, parseKeyring } from "@fleetdeck/auth";
import { createDb, type Db } from "@fleetdeck/db";

/**
 * Process-wide services. The custom server (server/main.ts) creates them before Next
 * starts; Next's own bundle holds a separate copy of this module, so the instance
 * lives on globalThis under a registered symbol and both copies share one pool.
 */
export interface Runtime {
  db: Db;
  publicUrl: string;
  /** Seals TOTP seeds at rest (FLEETDECK_ENCRYPTION_KEYS). */
  keyring: Keyring;
  /** Served over https: cookies get Secure and the `__Host-` prefix. */
  secureCookies: boolean;
}

const KEY = Symbol.for("fleetdeck.runtime");
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime): void {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const holder = globalThis as Holder;
  const existing = holder[KEY];
  if (existing) return existing;
  // Outside the custom server (next dev): build one from the environment.
  const url = process.env.DATABASE_URL;
  const keys = process.env.FLEETDECK_ENCRYPTION_KEYS;
  if (!url || !keys)
    throw new Error(
      "DATABASE_URL and FLEETDECK_ENCRYPTION_KEYS must be set; start Fleetdeck with `npm start`",
    );
  const publicUrl = process.env.FLEETDECK_PUBLIC_URL ?? "http://localhost:3000";
  const runtime: Runtime = {
    db: createDb(url, { max: 10 }),
    publicUrl,
    keyring: parseKeyring(keys),
    secureCookies: publicUrl.startsWith("https:"),
  };
  holder[KEY] = runtime;
  return runtime;
}
