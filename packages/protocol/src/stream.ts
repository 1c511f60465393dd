import { z } from "zod";

/**
 * The push channel: the agent opens `GET /api/agent/v1/stream` (signed, Accept:
 * text/event-stream) and keeps it open; the server never connects to an agent.
 *
 * Events:
 * - `hello`, data `{"serverTime": <ms>, "heartbeatIntervalSeconds": <n>}` once at connect;
 * - `command`, data a SignedCommand: every pending, unexpired command is sent right after
 *   `hello`, then each new one as it is queued; the agent acks each with
 *   `POST /api/agent/v1/commands/<id>/ack`, runs it at most once, then posts
 *   `/api/agent/v1/commands/<id>/result`;
 * - comment lines (`: keepalive`) every 20 s so proxies and the agent see a live stream.
 *
 * A revoked or deleted host gets 401 instead of a stream. On any close the agent
 * reconnects with jittered exponential backoff (1 s doubling to 60 s, full jitter).
 *
 * Signed paths are the full request path as sent, including any prefix the server URL
 * has (a server behind `https://ops.example.com/fleetdeck` sees `/fleetdeck/api/…`).
 */
export const STREAM_EVENTS = { hello: "hello", command: "command" } as const;
export const KEEPALIVE_INTERVAL_MS = 20_000;

export const streamHelloSchema = z.object({
  serverTime: z.number().int(),
  heartbeatIntervalSeconds: z.number().int().min(1),
});
export type StreamHello = z.infer<typeof streamHelloSchema>;
