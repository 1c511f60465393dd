import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;

/**
 * 31 symbols with none of 0/o, 1/l/i that get misread on paper. 31 is not a power of two,
 * so 10 symbols would give only 49.5 bits; 12 (two groups of six) give 59.4 bits.
 */
export const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const GROUP = 6;
const LENGTH = GROUP * 2;

/** Bits of entropy in one code. */
export const RECOVERY_CODE_BITS = LENGTH * Math.log2(RECOVERY_ALPHABET.length);

/** Fresh codes to show the person once, formatted `xxxxxx-xxxxxx`. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    // randomInt draws without modulo bias.
    let code = "";
    for (let i = 0; i < LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    return `${code.slice(0, GROUP)}-${code.slice(GROUP)}`;
  });
}

/**
 * What the person typed, as the canonical 12 symbols: case, spaces and dashes do not
 * matter (nor full-width forms, through NFKC). Null when it cannot be a recovery code.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-\u2010-\u2015\u2212]/g, "");
  if (code.length !== LENGTH) return null;
  for (const ch of code) if (!RECOVERY_ALPHABET.includes(ch)) return null;
  return code;
}

/*
 * Why HMAC-SHA-256 and not argon2: argon2 exists to make guessing a low-entropy password
 * from its hash expensive. A recovery code has ~59 random bits; trying 2^58 candidates
 * against even one fast hash is out of reach, so a slow hash buys nothing and would cost
 * ten argon2 runs per attempt (every stored code must be tried). The per-code random
 * salt keeps equal codes (there are none in practice) and precomputed tables useless.
 *
 * Stored form: s256.<salt b64url>.<hmac b64url>
 */
const PREFIX = "s256";

function digest(salt: Buffer, code: string): Buffer {
  return createHmac("sha256", salt).update(code, "utf8").digest();
}

/** The form to store for one code (accepts the displayed or any typed form). */
export function hashRecoveryCode(code: string): string {
  const normalised = normaliseRecoveryCode(code);
  if (normalised === null) throw new TypeError("Not a recovery code");
  const salt = randomBytes(16);
  return [PREFIX, salt.toString("base64url"), digest(salt, normalised).toString("base64url")].join(
    ".",
  );
}

/**
 * The index in `hashes` of the unused code the person typed, or -1. Pass `null` for a
 * code already used. Every stored code is compared, with a constant-time compare, so the
 * time taken does not tell which position (if any) matched.
 */
export function matchRecoveryCode(input: string, hashes: ReadonlyArray<string | null>): number {
  const normalised = normaliseRecoveryCode(input) ?? "";
  let found = -1;
  hashes.forEach((stored, index) => {
    if (stored === null) return;
    const [prefix, saltText, expectedText] = stored.split(".");
    if (prefix !== PREFIX || !saltText || !expectedText) return;
    const expected = Buffer.from(expectedText, "base64url");
    const actual = digest(Buffer.from(saltText, "base64url"), normalised);
    const same = expected.length === actual.length && timingSafeEqual(expected, actual);
    if (same && normalised && found === -1) found = index;
  });
  return found;
}
