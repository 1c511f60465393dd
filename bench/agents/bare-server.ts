/**
 * The limit the agent API is measured against: node:http serving the same paths with the
 * same replies, but no signature check, no nonce, no database, no logs or metrics.
 * Streams are keyed by the x-fleetdeck-host header as sent. POST /bench/broadcast
 * {hostIds, data} writes one `command` event with the same data to each of those streams.
 *   node --import tsx bench/agents/bare-server.ts <port>
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { AGENT_PATHS, KEEPALIVE_INTERVAL_MS, SIGNATURE_HEADERS } from "@fleetdeck/protocol";

const streams = new Map<string, ServerResponse>();

async function json(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
}

function reply(res: ServerResponse, body: unknown): void {
  res.statusCode = 200;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

const server = createServer(async (req, res) => {
  const path = req.url ?? "/";
  if (path === AGENT_PATHS.stream) {
    const hostId = String(req.headers[SIGNATURE_HEADERS.host]);
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
    });
    res.socket?.setNoDelay(true);
    streams.set(hostId, res);
    res.on("close", () => {
      if (streams.get(hostId) === res) streams.delete(hostId);
    });
    res.write(
      `event: hello\ndata: ${JSON.stringify({ serverTime: Date.now(), heartbeatIntervalSeconds: 15 })}\n\n`,
    );
    return;
  }
  if (path === AGENT_PATHS.heartbeat) {
    await json(req);
    return reply(res, {
      version: 1,
      serverTime: Date.now(),
      sendFacts: false,
      heartbeatIntervalSeconds: 15,
    });
  }
  if (path.startsWith(`${AGENT_PATHS.commands}/`)) {
    await json(req);
    return reply(res, { ok: true });
  }
  if (path === "/bench/broadcast") {
    const { hostIds, data } = (await json(req)) as { hostIds: string[]; data: string };
    const event = `event: command\ndata: ${data}\n\n`;
    for (const id of hostIds) streams.get(id)?.write(event);
    return reply(res, { sent: hostIds.length });
  }
  if (path === "/api/health") return reply(res, { status: "ok" });
  if (path === "/api/metrics") {
    res.end(`nodejs_heap_size_used_bytes ${process.memoryUsage().heapUsed}\n`);
    return;
  }
  res.statusCode = 404;
  res.end();
});
server.keepAliveTimeout = 65_000;
server.requestTimeout = 0;
setInterval(() => {
  for (const res of streams.values()) res.write(": keepalive\n\n");
}, KEEPALIVE_INTERVAL_MS).unref();
server.listen(Number(process.argv[2]), "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
