import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger";
import { type Metrics, routeLabel } from "./metrics";

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void> | void;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Headers only this server may set on the way to Next; a client's copies are dropped. */
const INTERNAL_HEADERS = ["x-fleetdeck-client-ip"];

/**
 * Wraps every request: a request id (kept from a trusted caller, else new), the client
 * IP resolved once, one JSON log line and the HTTP metrics when the response ends.
 */
export function createRequestHandler(options: {
  logger: Logger;
  metrics: Metrics;
  trustProxy: boolean;
  routes: Map<string, RouteHandler>;
  /** Handlers for whole subtrees (the agent API), by path prefix. */
  prefixes?: [string, RouteHandler][];
  fallback: RouteHandler;
}) {
  const { logger, metrics, trustProxy, routes, prefixes = [], fallback } = options;
  return async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const incomingId = req.headers["x-request-id"];
    const requestId =
      typeof incomingId === "string" && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    for (const name of INTERNAL_HEADERS) delete req.headers[name];
    req.headers["x-request-id"] = requestId;
    req.headers["x-fleetdeck-client-ip"] = clientIp(req, trustProxy);
    res.setHeader("x-request-id", requestId);
    const url = new URL(req.url ?? "/", "http://internal");
    res.on("finish", () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routeLabel(url.pathname);
      metrics.observe(req.method ?? "GET", route, res.statusCode, seconds);
      const quiet =
        route === "/_next/static" || route === "/api/health" || route === "/api/metrics";
      logger[quiet ? "debug" : "info"](
        {
          reqId: requestId,
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          ms: Math.round(seconds * 10000) / 10,
        },
        "request",
      );
    });
    try {
      const route =
        routes.get(url.pathname) ??
        prefixes.find(([prefix]) => url.pathname.startsWith(prefix))?.[1];
      await (route ?? fallback)(req, res, url);
    } catch (error) {
      logger.error({ reqId: requestId, err: error }, "request failed");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: "internal error", requestId }));
      } else {
        res.destroy();
      }
    }
  };
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify(body));
}
