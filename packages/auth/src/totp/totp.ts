import { randomBytes } from "node:crypto";
import { generate, ScureBase32Plugin, verify } from "otplib";

export type TotpAlgorithm = "sha1" | "sha256" | "sha512";

export interface TotpParams {
  algorithm: TotpAlgorithm;
  digits: number;
  /** Seconds per step. */
  period: number;
}

/** What every authenticator app understands; the URI spells these out anyway. */
export const TOTP_PARAMS: Readonly<TotpParams> = Object.freeze({
  algorithm: "sha1",
  digits: 6,
  period: 30,
});

/** 160 bits, the HMAC-SHA1 block-friendly size RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;

const base32 = new ScureBase32Plugin();

/** Base32 without padding, the form authenticator apps and otplib expect. */
export function encodeTotpSecret(bytes: Uint8Array): string {
  return base32.encode(bytes);
}

export function generateTotpSecret(): string {
  return encodeTotpSecret(randomBytes(TOTP_SECRET_BYTES));
}

/** The step a moment falls in: floor(unix seconds / period). */
export function totpStep(time: Date, period = TOTP_PARAMS.period): number {
  return Math.floor(time.getTime() / 1000 / period);
}

/**
 * The code for `secret` (base32) at `time`. Production and the RFC 6238 test vectors both
 * come through here; only the parameters differ.
 */
export function totpAt(
  secret: string,
  time: Date,
  params: Readonly<TotpParams> = TOTP_PARAMS,
): Promise<string> {
  return generate({ secret, epoch: Math.floor(time.getTime() / 1000), ...params });
}

export interface VerifyTotpInput {
  /** Base32 secret, decrypted. */
  secret: string;
  /** What the person typed; spaces are ignored ("123 456" as some apps show it). */
  code: string;
  now: Date;
  /** The step returned by the last accepted code, or null if none was ever accepted. */
  lastAcceptedStep: number | null;
}

export type VerifyTotpResult = { ok: true; step: number } | { ok: false };

/**
 * Accepts the code of the current step, the one before (a code typed as the period
 * rolls over) and the one after (a phone clock a little ahead). A code whose step is at
 * or before `lastAcceptedStep` is refused, so each code works once: store the returned
 * step as the new `lastAcceptedStep`.
 */
export async function verifyTotp(input: VerifyTotpInput): Promise<VerifyTotpResult> {
  const { period, digits } = TOTP_PARAMS;
  const token = input.code.replace(/\s+/g, "");
  // otplib throws on a malformed token; for us that is just a wrong code.
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return { ok: false };
  const current = totpStep(input.now, period);
  const last = input.lastAcceptedStep;
  // Nothing in the window is newer than the last accepted step (otplib would throw here).
  if (last !== null && last >= current + 1) return { ok: false };
  const result = await verify({
    secret: input.secret,
    token,
    epoch: Math.floor(input.now.getTime() / 1000),
    ...TOTP_PARAMS,
    epochTolerance: [period, period],
    afterTimeStep: last === null || last < 0 ? undefined : last,
  });
  // The functional API's result type also covers HOTP (no timeStep); delta is in both.
  return result.valid ? { ok: true, step: current + result.delta } : { ok: false };
}
