import { type KeyObject, sign, verify } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "./canonical";
import { tcApplyArgsSchema } from "./tc";

/** Every action an agent can take. An agent refuses any other type; nothing runs a shell. */
export const COMMAND_TYPES = [
  "agent.ping",
  "facts.refresh",
  "diagnostics.collect",
  "tc.apply",
  "tc.snapshot",
  "tc.restore",
  "tc.dry-run",
  "crash.collect",
  "vmcore.fetch",
] as const;
export const commandTypeSchema = z.enum(COMMAND_TYPES);
export type CommandType = z.infer<typeof commandTypeSchema>;

/** Arguments per type, checked by the server before signing and by the agent before running. */
export const commandArgsSchemas = {
  "agent.ping": z.object({}).strict(),
  "facts.refresh": z.object({}).strict(),
  "diagnostics.collect": z
    .object({
      /** Lines of the kernel log to include. */
      kernelLogLines: z.number().int().min(0).max(5000).default(300),
    })
    .strict(),
  "tc.apply": tcApplyArgsSchema,
  "tc.snapshot": z.object({ interfaces: z.array(z.string().max(15)).max(256).optional() }).strict(),
  "tc.restore": z
    .object({
      /** "previous": the revision applied before the current one; "snapshot": a stored snapshot. */
      target: z.enum(["previous", "snapshot"]),
      snapshotId: z.string().max(100).optional(),
      /** The rollout or operator action that asked, for the report. */
      reason: z.string().max(200).optional(),
    })
    .strict(),
  "tc.dry-run": z
    .object({ revisionId: z.uuid().optional(), hash: z.string().max(64), spec: z.unknown() })
    .strict(),
  "crash.collect": z.object({}).strict(),
  "vmcore.fetch": z
    .object({ crashId: z.uuid(), bootId: z.string().max(64), source: z.string().max(32) })
    .strict(),
} satisfies Record<CommandType, z.ZodType>;

export type CommandArgs<T extends CommandType> = z.infer<(typeof commandArgsSchemas)[T]>;

const signatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/);

/** What is signed: everything that decides what runs, where, and until when. */
export const unsignedCommandSchema = z.object({
  v: z.literal(1),
  id: z.uuid(),
  hostId: z.uuid(),
  type: z.string().max(64),
  args: z.unknown(),
  /** The same key twice is the same command: an agent runs it at most once. */
  idempotencyKey: z.string().min(1).max(200),
  /** Unix milliseconds. */
  createdAt: z.number().int(),
  /** Unix milliseconds; the agent never starts a command after this. */
  expiresAt: z.number().int(),
});

export const signedCommandSchema = unsignedCommandSchema.extend({ signature: signatureSchema });

export type UnsignedCommand = z.infer<typeof unsignedCommandSchema>;
export type SignedCommand = z.infer<typeof signedCommandSchema>;

export function signCommand(key: KeyObject, command: UnsignedCommand): SignedCommand {
  const signature = sign(null, Buffer.from(canonicalJson(command)), key).toString("base64url");
  return { ...command, signature };
}

export function verifyCommandSignature(key: KeyObject, command: SignedCommand): boolean {
  const { signature, ...unsigned } = command;
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(unsigned)),
      key,
      Buffer.from(signature, "base64url"),
    );
  } catch {
    return false;
  }
}

/** Command states, in order of a normal life; the last five are final. */
export const COMMAND_STATES = [
  "queued",
  "delivered",
  "running",
  "succeeded",
  "failed",
  "expired",
  "cancelled",
  "unknown",
] as const;
export type CommandState = (typeof COMMAND_STATES)[number];

/** Sent by the agent when a command reaches it (before it runs). */
export const commandAckSchema = z.object({
  v: z.literal(1),
  state: z.enum(["delivered", "running"]),
});

/** Why an agent refused a command without running it. */
export const REJECTIONS = [
  "bad_signature",
  "wrong_host",
  "expired",
  "unknown_type",
  "bad_args",
  "duplicate",
] as const;

/** Sent by the agent when a command is over (or was refused). */
export const commandResultSchema = z.object({
  v: z.literal(1),
  state: z.enum(["succeeded", "failed", "rejected"]),
  rejection: z.enum(REJECTIONS).nullable().default(null),
  exitCode: z.number().int().nullable().default(null),
  /** Structured output of the handler (facts, diagnostics…), JSON. */
  output: z.unknown().default(null),
  /** The end of what a failing tool printed on stderr. */
  stderr: z.string().max(16_384).default(""),
  error: z.string().max(2_000).nullable().default(null),
  startedAt: z.number().int().nullable().default(null),
  finishedAt: z.number().int(),
  /** The agent ran in dry-run mode: tools were recorded, not executed. */
  dryRun: z.boolean().default(false),
});

export type CommandAck = z.infer<typeof commandAckSchema>;
export type CommandResult = z.infer<typeof commandResultSchema>;
export type Rejection = (typeof REJECTIONS)[number];
