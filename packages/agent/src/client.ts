import type { IncomingMessage } from "node:http";
import { importPrivateKey, type KeyPair, signRequest } from "@fleetdeck/protocol";
import { exchange, keepAliveAgent, send } from "./transport";

export interface HttpReply {
  status: number;
  /** Parsed JSON, or null when the body was empty or not JSON. */
  json: unknown;
  text: string;
}

export interface ClientOptions {
  serverUrl: string;
  hostId: string;
  keys: KeyPair;
  requestTimeoutMs: number;
}

export interface RawRequest {
  /** Sent as is and covered by the signature (upload chunks). */
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Beats the client's request timeout (a big chunk on a slow link needs longer). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Every call is signed; the stream comes back as the raw response for the SSE reader. */
export interface AgentClient {
  readonly serverUrl: string;
  post(path: string, body: unknown, signal?: AbortSignal): Promise<HttpReply>;
  /** Any signed call with raw bytes (resumable uploads). */
  request(method: "GET" | "POST" | "PUT", path: string, options?: RawRequest): Promise<HttpReply>;
  openStream(path: string, signal: AbortSignal): Promise<IncomingMessage>;
  /** Closes idle keep-alive connections (on stop). */
  close(): void;
}

/**
 * `serverUrl` may carry a path prefix (`https://example.com/fleetdeck`); the signed path
 * is the full path as sent, prefix included, because that is what the server receives.
 */
export function serverUrlFor(serverUrl: string, path: string): { url: string; path: string } {
  const base = new URL(serverUrl);
  const full = `${base.pathname.replace(/\/+$/, "")}${path}`;
  return { url: `${base.origin}${full}`, path: full };
}

export function createClient(options: ClientOptions): AgentClient {
  const key = importPrivateKey(options.keys);
  // Heartbeats reuse one connection instead of a TCP (and TLS) handshake every time.
  const agent = keepAliveAgent(options.serverUrl);
  const signed = (method: string, path: string, body: Uint8Array | string) => {
    const target = serverUrlFor(options.serverUrl, path);
    const headers = signRequest(options.hostId, key, { method, path: target.path, body });
    return { url: target.url, headers };
  };

  return {
    serverUrl: options.serverUrl,
    async post(path, body, signal) {
      const bytes = Buffer.from(JSON.stringify(body));
      const { url, headers } = signed("POST", path, bytes);
      const reply = await exchange({
        url,
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: bytes,
        timeoutMs: options.requestTimeoutMs,
        agent,
        ...(signal ? { signal } : {}),
      });
      return { ...reply, json: parseJson(reply.text) };
    },
    async request(method, path, raw = {}) {
      const bytes = raw.body ?? new Uint8Array(0);
      const { url, headers } = signed(method, path, bytes);
      const reply = await exchange({
        url,
        method,
        headers: { ...raw.headers, ...headers },
        ...(method === "GET" ? {} : { body: bytes }),
        timeoutMs: raw.timeoutMs ?? options.requestTimeoutMs,
        agent,
        ...(raw.signal ? { signal: raw.signal } : {}),
      });
      return { ...reply, json: parseJson(reply.text) };
    },
    openStream(path, signal) {
      const { url, headers } = signed("GET", path, "");
      return send({
        url,
        method: "GET",
        headers: { ...headers, accept: "text/event-stream", "cache-control": "no-cache" },
        // Only connecting is bounded; the stream itself then lives as long as it is fed.
        timeoutMs: options.requestTimeoutMs,
        signal,
        agent,
      });
    },
    close: () => agent.destroy(),
  };
}

export function parseJson(text: string): unknown {
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return null;
  }
}
