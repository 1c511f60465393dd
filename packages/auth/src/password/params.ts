import type { Algorithm } from "@node-rs/argon2";

// A literal instead of Algorithm.Argon2id: the package ships a `const enum`, which
// isolatedModules cannot read as a value.
const ARGON2ID: Algorithm = 2;

export interface Argon2Params {
  algorithm: Algorithm;
  /** KiB */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  /** Bytes of raw hash output. */
  outputLen: number;
}

/**
 * argon2id at OWASP's recommended floor (m=19 MiB, t=2, p=1). About 11–15 ms per hash on
 * the 2-core target: a login stays snappy while every offline guess still costs 19 MiB
 * of memory. Raising any of these makes needsRehash() true for older hashes, so users
 * move to the new cost at their next successful login.
 */
export const ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
});

/** Hashes at once by default: one per core leaves the event loop and other work room. */
export const DEFAULT_HASH_CONCURRENCY = 2;

/** With ~12 ms per hash and 2 lanes, a full queue means about a 0.2 s wait at worst. */
export const DEFAULT_HASH_QUEUE = 32;
