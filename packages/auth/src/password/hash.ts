import { randomBytes } from "node:crypto";
import { hash, parseOptions, verify } from "@node-rs/argon2";
import {
  ARGON2_PARAMS,
  type Argon2Params,
  DEFAULT_HASH_CONCURRENCY,
  DEFAULT_HASH_QUEUE,
} from "./params";
import { normalisePassword } from "./normalise";
import { Semaphore } from "./semaphore";

export interface PasswordHasherOptions {
  /** Hashes computed at once (default 2). */
  concurrency?: number;
  /** Callers allowed to wait for a slot before BusyError (default 32). */
  maxQueue?: number;
  params?: Readonly<Argon2Params>;
}

export interface PasswordHasher {
  hashPassword(password: string): Promise<string>;
  /**
   * False for a wrong password. Pass `null` as the hash when the account does not exist:
   * a dummy hash is verified instead, so the answer takes as long as for a real account
   * and response time does not tell an attacker which e-mail addresses are registered.
   * Rejects with BusyError when the queue is full, and with an Error for a stored value
   * that is not an argon2 hash: a corrupt row is a bug to see, not a wrong password.
   */
  verifyPassword(storedHash: string | null, password: string): Promise<boolean>;
  readonly semaphore: Semaphore;
}

export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const params = options.params ?? ARGON2_PARAMS;
  // Every hash runs on libuv's thread pool (4 threads by default), shared with fs, dns
  // and zlib. The cap keeps a login flood from taking all of it and all the cores.
  const semaphore = new Semaphore({
    concurrency: options.concurrency ?? DEFAULT_HASH_CONCURRENCY,
    maxQueue: options.maxQueue ?? DEFAULT_HASH_QUEUE,
  });
  let dummyHash: Promise<string> | undefined;

  const hashPassword = (password: string): Promise<string> =>
    semaphore.run(() => hash(normalisePassword(password), params));

  // Made once, at the current parameters, from a password nobody knows. A failed attempt
  // (BusyError) is forgotten so the next call tries again.
  const dummyHashOnce = (): Promise<string> => {
    dummyHash ??= hashPassword(randomBytes(32).toString("base64url")).catch((error: unknown) => {
      dummyHash = undefined;
      throw error;
    });
    return dummyHash;
  };

  const verifyPassword = async (storedHash: string | null, password: string) => {
    if (storedHash === null) {
      const dummy = await dummyHashOnce();
      await semaphore.run(() => verify(dummy, normalisePassword(password)));
      return false;
    }
    return semaphore.run(() => verify(storedHash, normalisePassword(password)));
  };

  return { hashPassword, verifyPassword, semaphore };
}

/**
 * True when a stored hash was made with other parameters (or another algorithm) than the
 * current ones: re-hash the password the user just typed and store the new hash.
 */
export function needsRehash(
  storedHash: string,
  params: Readonly<Argon2Params> = ARGON2_PARAMS,
): boolean {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(storedHash);
  } catch {
    return true;
  }
  return (
    parsed.algorithm !== params.algorithm ||
    parsed.memoryCost !== params.memoryCost ||
    parsed.timeCost !== params.timeCost ||
    parsed.parallelism !== params.parallelism ||
    parsed.outputLen !== params.outputLen
  );
}

const defaultHasher = createPasswordHasher();

/** Hashes with the process-wide hasher (2 at once). */
export function hashPassword(password: string): Promise<string> {
  return defaultHasher.hashPassword(password);
}

/** Verifies with the process-wide hasher; `null` hash = unknown account (see PasswordHasher). */
export function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  return defaultHasher.verifyPassword(storedHash, password);
}
