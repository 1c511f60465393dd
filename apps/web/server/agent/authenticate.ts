import type { IncomingMessage } from "node:http";
import { readSignatureHeaders, verifyRequest } from "@fleetdeck/protocol";
import type { HostCache, KnownHost } from "./host-cache";
import type { NonceGuard } from "./nonce-guard";

export type Authenticated =
  | { ok: true; host: KnownHost }
  | { ok: false; status: 401; problem: string; message: string };

const refuse = (problem: string, message: string): Authenticated => ({
  ok: false,
  status: 401,
  problem,
  message,
});

/**
 * Who sent this request: a live host whose key signed exactly this method, path, time,
 * nonce and body, within ±60 s, with a nonce never seen before.
 */
export async function authenticate(
  req: IncomingMessage,
  body: Buffer,
  hosts: HostCache,
  nonces: NonceGuard,
): Promise<Authenticated> {
  const parsed = readSignatureHeaders((name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  });
  if (!parsed) return refuse("unsigned", "This request is not signed by an enrolled host.");
  const host = await hosts.get(parsed.hostId);
  if (!host)
    return refuse("unknown_host", "This host is not enrolled (or was deleted). Enroll it again.");
  if (host.revoked) return refuse("revoked", "This host was revoked by an administrator.");
  const verdict = verifyRequest(host.key, parsed, {
    method: req.method ?? "GET",
    path: req.url ?? "/",
    body,
  });
  if (!verdict.ok) {
    return refuse(
      verdict.problem,
      verdict.problem === "clock_skew"
        ? "The host's clock is more than 60 s off the server's."
        : "The signature does not match this request.",
    );
  }
  if (!(await nonces.claim(`${host.id}:${parsed.nonce}`)))
    return refuse("replay", "This request was already received once.");
  return { ok: true, host };
}
