import { z } from "zod";
import { hostFactsSchema } from "./facts";
import { tcStatusSchema } from "./tc";

export const heartbeatRequestSchema = z.object({
  version: z.literal(1),
  /** Counts up from 1 at agent start: a gap shows lost heartbeats, a reset a restart. */
  seq: z.number().int().min(1),
  bootId: z.string().max(64),
  uptimeSeconds: z.number().min(0),
  agentVersion: z.string().max(64),
  /** SHA-256 of the canonical facts; the facts themselves only when it changed or were asked for. */
  factsHash: z.string().regex(/^[0-9a-f]{64}$/),
  facts: hostFactsSchema.optional(),
  /** Running in dry-run mode: commands are recorded, not executed (the demo fleet without root). */
  dryRun: z.boolean().default(false),
  /** Applied policy revision, pending commit-confirm, drift (absent from agents without tc support). */
  tc: tcStatusSchema.optional(),
});

export const heartbeatResponseSchema = z.object({
  version: z.literal(1),
  serverTime: z.number().int(),
  /** The server lacks these facts (or holds an older hash): send them with the next heartbeat. */
  sendFacts: z.boolean(),
  heartbeatIntervalSeconds: z.number().int().min(1),
});

export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;
