import path from "node:path";
import {
  type BlobStore,
  type CommandSigner,
  commandSignerFrom,
  FileBlobStore,
} from "@fleetdeck/api";
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
  /** Signs commands as they are queued (FLEETDECK_COMMAND_SIGNING_KEY). */
  commandSigner: CommandSigner;
  /** Raw crash logs and vmcores, content-addressed. */
  blobs: BlobStore;
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
  const signingKey = process.env.FLEETDECK_COMMAND_SIGNING_KEY;
  if (!url || !keys || !signingKey) {
    throw new Error(
      "DATABASE_URL, FLEETDECK_ENCRYPTION_KEYS and FLEETDECK_COMMAND_SIGNING_KEY must be set; start with `npm start`",
    );
  }
  const publicUrl = process.env.FLEETDECK_PUBLIC_URL ?? "http://localhost:3000";
  const runtime: Runtime = {
    db: createDb(url, { max: 10 }),
    publicUrl,
    keyring: parseKeyring(keys),
    secureCookies: publicUrl.startsWith("https:"),
    commandSigner: commandSignerFrom(signingKey),
    blobs: new FileBlobStore(path.join(process.env.FLEETDECK_DATA_DIR ?? ".fleetdeck", "blobs")),
  };
  holder[KEY] = runtime;
  return runtime;
}
