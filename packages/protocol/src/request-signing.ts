import { createHash, randomBytes, sign, verify, type KeyObject } from "node:crypto";

/** Headers of a signed agent request. */
export const SIGNATURE_HEADERS = {
  host: "x-fleetdeck-host",
  timestamp: "x-fleetdeck-timestamp",
  nonce: "x-fleetdeck-nonce",
  signature: "x-fleetdeck-signature",
} as const;

/** How far a request's clock may be from the server's. */
export const MAX_CLOCK_SKEW_MS = 60_000;

export interface SignedRequestParts {
  method: string;
  /** Path and query, as sent: `/api/agent/v1/heartbeat`. */
  path: string;
  body: Uint8Array | string;
  /** The body's SHA-256 hex when already known (a streamed upload chunk); `body` is then ignored. */
  bodySha256?: string;
}

const bodyHash = (body: Uint8Array | string) => createHash("sha256").update(body).digest("hex");

/** The exact bytes signed: method, path, time, nonce and the body's hash, one per line. */
export function stringToSign(parts: SignedRequestParts, timestamp: number, nonce: string): string {
  return [
    "fleetdeck-agent-v1",
    parts.method.toUpperCase(),
    parts.path,
    String(timestamp),
    nonce,
    parts.bodySha256 ?? bodyHash(parts.body),
  ].join("\n");
}

/** The four headers that prove a request comes from `hostId` and was not altered. */
export function signRequest(
  hostId: string,
  key: KeyObject,
  parts: SignedRequestParts,
  now = Date.now(),
): Record<string, string> {
  const nonce = randomBytes(16).toString("base64url");
  const signature = sign(null, Buffer.from(stringToSign(parts, now, nonce)), key).toString(
    "base64url",
  );
  return {
    [SIGNATURE_HEADERS.host]: hostId,
    [SIGNATURE_HEADERS.timestamp]: String(now),
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

export type SignatureProblem = "missing_headers" | "bad_timestamp" | "clock_skew" | "bad_signature";

export interface ParsedSignature {
  hostId: string;
  timestamp: number;
  nonce: string;
  signature: string;
}

/** Reads the signature headers; null when any is missing or malformed. */
export function readSignatureHeaders(
  get: (name: string) => string | null | undefined,
): ParsedSignature | null {
  const hostId = get(SIGNATURE_HEADERS.host);
  const timestamp = Number(get(SIGNATURE_HEADERS.timestamp));
  const nonce = get(SIGNATURE_HEADERS.nonce);
  const signature = get(SIGNATURE_HEADERS.signature);
  if (!hostId || !nonce || !signature || !Number.isSafeInteger(timestamp)) return null;
  if (
    !/^[0-9a-f-]{36}$/.test(hostId) ||
    !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) ||
    !/^[A-Za-z0-9_-]{86}$/.test(signature)
  )
    return null;
  return { hostId, timestamp, nonce, signature };
}

/** Checks time and signature (the caller checks the nonce was not seen and the host is live). */
export function verifyRequest(
  key: KeyObject,
  parsed: ParsedSignature,
  parts: SignedRequestParts,
  now = Date.now(),
): { ok: true } | { ok: false; problem: SignatureProblem } {
  if (Math.abs(now - parsed.timestamp) > MAX_CLOCK_SKEW_MS)
    return { ok: false, problem: "clock_skew" };
  const good = verify(
    null,
    Buffer.from(stringToSign(parts, parsed.timestamp, parsed.nonce)),
    key,
    Buffer.from(parsed.signature, "base64url"),
  );
  return good ? { ok: true } : { ok: false, problem: "bad_signature" };
}
