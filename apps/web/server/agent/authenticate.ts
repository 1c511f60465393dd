import type { IncomingMessage } from "node:http";
import { type ParsedSignature, readSignatureHeaders, verifyRequest } from "@fleetdeck/protocol";
import type { HostCache, KnownHost } from "./host-cache";
import type { NonceGuard } from "./nonce-guard";

export type Refusal = { ok: false; status: 401; problem: string; message: string };
export type Identified = { ok: true; host: KnownHost; signature: ParsedSignature } | Refusal;
export type Authenticated = { ok: true; host: KnownHost } | Refusal;

const refuse = (problem: string, message: string): Refusal => ({
  ok: false,
  status: 401,
  problem,
  message,
});

/** Which live host claims to send this request (checked before any body is read). */
export async function identify(req: IncomingMessage, hosts: HostCache): Promise<Identified> {
  const signature = readSignatureHeaders((name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  });
  if (!signature) return refuse("unsigned", "This request is not signed by an enrolled host.");
  const host = await hosts.get(signature.hostId);
  if (!host)
    return refuse("unknown_host", "This host is not enrolled (or was deleted). Enroll it again.");
  if (host.revoked) return refuse("revoked", "This host was revoked by an administrator.");
  return { ok: true, host, signature };
}

/**
 * That host's key signed exactly this method, path, time, nonce and body (given whole,
 * or as the SHA-256 of a streamed body), within ±60 s, with a nonce never seen before.
 */
export async function verifySignature(
  req: IncomingMessage,
  identified: Extract<Identified, { ok: true }>,
  body: Buffer | { sha256: string },
  nonces: NonceGuard,
): Promise<Authenticated> {
  const { host, signature } = identified;
  const verdict = verifyRequest(host.key, signature, {
    method: req.method ?? "GET",
    path: req.url ?? "/",
    body: Buffer.isBuffer(body) ? body : "",
    ...(Buffer.isBuffer(body) ? {} : { bodySha256: body.sha256 }),
  });
  if (!verdict.ok) {
    const skew = verdict.problem === "clock_skew";
    return refuse(
      verdict.problem,
      skew
        ? "The host's clock is more than 60 s off the server's."
        : "The signature does not match this request.",
    );
  }
  if (!(await nonces.claim(`${host.id}:${signature.nonce}`)))
    return refuse("replay", "This request was already received once.");
  return { ok: true, host };
}

export async function authenticate(
  req: IncomingMessage,
  body: Buffer,
  hosts: HostCache,
  nonces: NonceGuard,
): Promise<Authenticated> {
  const identified = await identify(req, hosts);
  if (!identified.ok) return identified;
  return verifySignature(req, identified, body, nonces);
}
