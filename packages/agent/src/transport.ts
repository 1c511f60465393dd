import http, { type IncomingMessage } from "node:http";
import https from "node:https";

/**
 * HTTP over node:http(s) rather than fetch: fetch brings undici and its WebAssembly
 * parser, about 9 MB of resident memory that an idle agent on every server can spare.
 */
export interface Exchange {
  url: string;
  method: "GET" | "POST" | "PUT";
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Until the response headers arrive (`send`) or the body too (`exchange`). */
  timeoutMs: number;
  signal?: AbortSignal;
  agent?: http.Agent;
}

/** Replies bigger than this are cut off: the agent API answers with small JSON. */
const MAX_REPLY_BYTES = 1024 * 1024;

export function keepAliveAgent(url: string): http.Agent {
  const options = { keepAlive: true, maxSockets: 4 };
  return new URL(url).protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
}

/** Sends a request; resolves with the response as soon as its headers arrive. */
export function send(x: Exchange): Promise<IncomingMessage> {
  const url = new URL(x.url);
  const client = url.protocol === "https:" ? https : http;
  const headers = x.body ? { ...x.headers, "content-length": String(x.body.length) } : x.headers;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: x.method,
      headers,
      ...(x.agent ? { agent: x.agent } : {}),
      ...(x.signal ? { signal: x.signal } : {}),
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`no response within ${x.timeoutMs} ms`)),
      x.timeoutMs,
    );
    request.on("response", (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(x.body);
  });
}

/** A whole request and reply (headers and body) within the timeout. */
export async function exchange(x: Exchange): Promise<{ status: number; text: string }> {
  const deadline = AbortSignal.timeout(Math.max(1, Math.ceil(x.timeoutMs)));
  const signal = x.signal ? AbortSignal.any([x.signal, deadline]) : deadline;
  const response = await send({ ...x, signal });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REPLY_BYTES) {
      response.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return { status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") };
}
