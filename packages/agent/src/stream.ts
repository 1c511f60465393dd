import type { IncomingMessage } from "node:http";
import { AGENT_PATHS, STREAM_EVENTS, type StreamHello } from "@fleetdeck/protocol";
import { z } from "zod";
import type { ServerApi } from "./api";
import { type Backoff, sleep } from "./backoff";
import { errorMessage, type Logger } from "./log";
import { type SseEvent, SseParser } from "./sse";
import type { StatusBoard } from "./state/status";

export interface StreamDeps {
  api: ServerApi;
  status: StatusBoard;
  log: Logger;
  signal: AbortSignal;
  backoff: Backoff;
  healthyMs: number;
  idleMs: number;
  revokedRetryMs: number;
  onOpen(): void;
  onHello(hello: StreamHello): void;
  onCommand(raw: unknown): void;
}

const helloSchema = z.object({
  serverTime: z.number(),
  heartbeatIntervalSeconds: z.number().int().min(1),
});

type Ended = { kind: "closed"; healthy: boolean; why: string } | { kind: "unauthorized" };

/** Keeps the push stream open: connect, read events, and on any end reconnect with backoff. */
export async function runStream(deps: StreamDeps): Promise<void> {
  const { signal, status, backoff, log } = deps;
  while (!signal.aborted) {
    status.update((s) => {
      if (s.connection !== "revoked") s.connection = "connecting";
    });
    const ended = await connectOnce(deps).catch(
      (error): Ended => ({ kind: "closed", healthy: false, why: errorMessage(error) }),
    );
    if (signal.aborted) break;
    if (ended.kind === "unauthorized") {
      deps.api.markRevoked(AGENT_PATHS.stream);
      await sleep(deps.revokedRetryMs, signal);
      continue;
    }
    if (ended.healthy) backoff.reset();
    const delay = backoff.next();
    log.info("stream closed; reconnecting", { why: ended.why, inMs: delay });
    status.update((s) => {
      if (s.connection !== "revoked") s.connection = "disconnected";
      s.connectedSince = null;
      s.lastError = ended.why;
    });
    await sleep(delay, signal);
  }
}

async function connectOnce(deps: StreamDeps): Promise<Ended> {
  const conn = new AbortController();
  const stop = () => conn.abort();
  deps.signal.addEventListener("abort", stop, { once: true });
  try {
    const response = await deps.api.client.openStream(AGENT_PATHS.stream, conn.signal);
    const type = response.headers["content-type"] ?? "";
    if (
      response.statusCode === 401 ||
      response.statusCode !== 200 ||
      !type.startsWith("text/event-stream")
    ) {
      response.destroy();
      if (response.statusCode === 401) return { kind: "unauthorized" };
      const why = `HTTP ${response.statusCode} (${type || "no type"})`;
      return { kind: "closed", healthy: false, why };
    }
    deps.api.clearRevoked();
    const openedAt = Date.now();
    deps.status.update((s) => {
      s.connection = "connected";
      s.connectedSince = openedAt;
      s.lastError = null;
    });
    deps.log.info("stream connected");
    deps.onOpen();
    const why = await readEvents(response, conn, deps);
    return { kind: "closed", healthy: Date.now() - openedAt >= deps.healthyMs, why };
  } finally {
    deps.signal.removeEventListener("abort", stop);
    conn.abort();
  }
}

/** Reads until the server closes, the agent stops, or nothing (not even a keepalive) arrives. */
async function readEvents(
  body: IncomingMessage,
  conn: AbortController,
  deps: StreamDeps,
): Promise<string> {
  const parser = new SseParser();
  let idle = setTimeout(() => conn.abort(), deps.idleMs);
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      clearTimeout(idle);
      idle = setTimeout(() => conn.abort(), deps.idleMs);
      for (const event of parser.pushBytes(chunk)) dispatch(event, deps);
    }
    return "closed by the server";
  } catch (error) {
    if (conn.signal.aborted && !deps.signal.aborted) return `no data for ${deps.idleMs} ms`;
    return errorMessage(error);
  } finally {
    clearTimeout(idle);
    body.destroy();
  }
}

function dispatch(event: SseEvent, deps: StreamDeps): void {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    deps.log.warn("stream: event data is not JSON", { event: event.event });
    return;
  }
  if (event.event === STREAM_EVENTS.command) {
    deps.onCommand(data);
  } else if (event.event === STREAM_EVENTS.hello) {
    const hello = helloSchema.safeParse(data);
    if (hello.success) deps.onHello(hello.data);
  } else {
    deps.log.debug("stream: ignoring event", { event: event.event });
  }
}
