import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets at rest (TOTP seeds) sealed with AES-256-GCM. Each ciphertext names the key
 * that sealed it, so a new key can become active while rows sealed with the old one
 * still open; re-seal them at leisure (needsReseal) and then drop the old key.
 *
 * Format: v1.<kid>.<iv b64url>.<ciphertext b64url>.<tag b64url>
 */

const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12; // GCM's native nonce size; random 96-bit IVs are safe for < 2^32 seals per key.
const TAG_BYTES = 16;
const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export type SecretBoxProblem = "bad_keyring" | "malformed" | "unknown_key" | "tampered";

/** `problem` tells a caller what went wrong; none of these messages include key material. */
export class SecretBoxError extends Error {
  override name = "SecretBoxError";
  constructor(
    readonly problem: SecretBoxProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface Keyring {
  /** Seals with this key. */
  readonly activeKid: string;
  /** Opens with any of these. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** A fresh key in the form parseKeyring reads (standard base64 of 32 random bytes). */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString("base64");
}

/**
 * Reads `k2:base64key,k1:base64key`. The first entry is the active key; the others are
 * kept only to open older ciphertexts.
 */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let activeKid: string | undefined;
  for (const entry of spec.split(",").map((e) => e.trim())) {
    const colon = entry.indexOf(":");
    const kid = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (colon < 1 || !KID_PATTERN.test(kid)) {
      throw new SecretBoxError(
        "bad_keyring",
        "Each keyring entry must look like <key id>:<base64 key>, with a key id of letters, digits, _ or -",
      );
    }
    const key = Buffer.from(encoded, "base64");
    if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) {
      throw new SecretBoxError("bad_keyring", `Key "${kid}" must be ${KEY_BYTES} bytes in base64`);
    }
    if (keys.has(kid)) throw new SecretBoxError("bad_keyring", `Key id "${kid}" appears twice`);
    keys.set(kid, key);
    activeKid ??= kid;
  }
  if (activeKid === undefined) throw new SecretBoxError("bad_keyring", "The keyring is empty");
  return { activeKid, keys };
}

/**
 * The associated data binds a ciphertext to where it belongs (e.g. `user:<id>:totp`):
 * copied into another user's row it no longer opens. The version and key id are bound
 * too, so the header cannot be edited.
 */
function associatedData(kid: string, context: string): Buffer {
  if (!context) throw new TypeError("A secret-box context must not be empty");
  return Buffer.from(`fleetdeck/${VERSION}/${kid}/${context}`, "utf8");
}

export function seal(keyring: Keyring, plaintext: string, context: string): string {
  const kid = keyring.activeKid;
  const key = keyring.keys.get(kid);
  if (!key)
    throw new SecretBoxError("unknown_key", `The active key "${kid}" is not in the keyring`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(kid, context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, kid, iv, body, tag]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function open(keyring: Keyring, sealed: string, context: string): string {
  const [version, kid, ivText, bodyText, tagText, ...rest] = sealed.split(".");
  if (version !== VERSION || !kid || !ivText || bodyText === undefined || !tagText || rest.length) {
    throw new SecretBoxError("malformed", "This is not a v1 sealed secret");
  }
  const key = keyring.keys.get(kid);
  if (!key) throw new SecretBoxError("unknown_key", `No key with id "${kid}" in the keyring`);
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretBoxError("malformed", "This sealed secret has a damaged header");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(kid, context));
  decipher.setAuthTag(tag);
  try {
    const body = Buffer.from(bodyText, "base64url");
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "tampered",
      "The sealed secret failed its integrity check (altered, or opened in the wrong context)",
    );
  }
}

/** True when a ciphertext was sealed with a key other than the active one. */
export function needsReseal(keyring: Keyring, sealed: string): boolean {
  return sealed.split(".")[1] !== keyring.activeKid;
}
