import { randomUUID } from "node:crypto";
import { type Db, type Prisma, recordAudit } from "@fleetdeck/db";
import {
  type CommandResult,
  type CommandType,
  commandArgsSchemas,
  commandTypeSchema,
  type SignedCommand,
} from "@fleetdeck/protocol";
import { AppError } from "../errors";
import { ROLLOUTS_CHANNEL } from "../rollouts/events";
import type { CommandSigner } from "./command-signer";

/** The NOTIFY channel that wakes whichever server instance holds a host's stream. */
export const COMMANDS_CHANNEL = "fleetdeck_commands";

export interface EnqueueInput {
  organizationId: string;
  hostId: string;
  type: string;
  args: unknown;
  /** Defaults to a fresh key (a new, distinct command). */
  idempotencyKey?: string;
  ttlSeconds: number;
  createdById: string | null;
}

/**
 * Validates, signs and stores a command, then wakes the stream holder. The wake-up is a
 * NOTIFY sent after the insert committed, never inside it (measured: NOTIFY in write
 * transactions cut throughput by a third). An existing idempotency key returns the
 * command already queued instead of a second one.
 */
export async function enqueueCommand(
  db: Db,
  signer: CommandSigner,
  input: EnqueueInput,
): Promise<{ id: string; created: boolean }> {
  const type = commandTypeSchema.safeParse(input.type);
  if (!type.success) throw new AppError("BAD_REQUEST", `Unknown command type “${input.type}”.`);
  const args = commandArgsSchemas[type.data as CommandType].safeParse(input.args ?? {});
  if (!args.success)
    throw new AppError(
      "BAD_REQUEST",
      `Invalid arguments for ${type.data}: ${args.error.issues[0]?.message ?? "invalid"}`,
    );
  const host = await db.prisma.host.findFirst({
    where: { id: input.hostId, organizationId: input.organizationId },
    select: { id: true, revokedAt: true },
  });
  if (!host) throw new AppError("NOT_FOUND", "No such host in this organization.");
  if (host.revokedAt)
    throw new AppError("PRECONDITION_FAILED", "This host is revoked; it accepts no commands.");

  const idempotencyKey = input.idempotencyKey ?? `${type.data}:${randomUUID()}`;
  const existing = await db.prisma.command.findUnique({
    where: { hostId_idempotencyKey: { hostId: host.id, idempotencyKey } },
    select: { id: true },
  });
  if (existing) return { id: existing.id, created: false };
  const now = Date.now();
  const signed = signer.sign({
    v: 1,
    id: randomUUID(),
    hostId: host.id,
    type: type.data,
    args: args.data,
    idempotencyKey,
    createdAt: now,
    expiresAt: now + input.ttlSeconds * 1000,
  });
  await db.prisma.command.create({
    data: {
      id: signed.id,
      organizationId: input.organizationId,
      hostId: host.id,
      type: signed.type,
      args: signed.args as Prisma.InputJsonValue,
      idempotencyKey,
      signature: signed.signature,
      createdById: input.createdById,
      createdAt: new Date(signed.createdAt),
      expiresAt: new Date(signed.expiresAt),
    },
  });
  await db.pool.query("SELECT pg_notify($1, $2)", [COMMANDS_CHANNEL, host.id]);
  return { id: signed.id, created: true };
}

/** Every queued or delivered, unexpired command of these hosts, as signed envelopes. */
export async function pendingCommands(
  db: Db,
  hostIds: string[],
  now = new Date(),
): Promise<SignedCommand[]> {
  const rows = await db.prisma.command.findMany({
    where: {
      hostId: { in: hostIds },
      state: { in: ["queued", "delivered"] },
      expiresAt: { gt: now },
    },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      hostId: true,
      type: true,
      args: true,
      idempotencyKey: true,
      createdAt: true,
      expiresAt: true,
      signature: true,
    },
  });
  return rows.map((r) => ({
    v: 1,
    id: r.id,
    hostId: r.hostId,
    type: r.type,
    args: r.args,
    idempotencyKey: r.idempotencyKey,
    createdAt: r.createdAt.getTime(),
    expiresAt: r.expiresAt.getTime(),
    signature: r.signature,
  }));
}

/** One agent's ack of one of its commands. */
export interface HostAck {
  hostId: string;
  id: string;
  state: "delivered" | "running";
}

/** An ack of one command (see `acknowledgeCommands`). False when the host has no such command. */
export async function acknowledgeCommand(
  db: Db,
  hostId: string,
  id: string,
  state: "delivered" | "running",
): Promise<boolean> {
  const [found] = await acknowledgeCommands(db, [{ hostId, id, state }]);
  return found ?? false;
}

/**
 * Agents' acks, many in one UPDATE per state (a rollout wave makes a thousand agents ack
 * within the same second): `delivered` only from queued; `running` from queued or
 * delivered, stamping both times; never backwards. Returns, per ack, whether that host
 * has that command, moved or not.
 */
export async function acknowledgeCommands(db: Db, all: readonly HostAck[]): Promise<boolean[]> {
  const acks = all.filter(wellFormed);
  const now = new Date();
  // `delivered` first: an agent sends `running` only after its `delivered` was answered,
  // but two requests of one batch could still name the same command.
  const moved = new Set([
    ...(await moveAcks(
      db,
      acks.filter((a) => a.state === "delivered"),
      "delivered",
      now,
    )),
    ...(await moveAcks(
      db,
      acks.filter((a) => a.state === "running"),
      "running",
      now,
    )),
  ]);
  const known = await existingCommands(
    db,
    acks.filter((a) => !moved.has(commandKey(a))),
  );
  return all.map((a) => moved.has(commandKey(a)) || known.has(commandKey(a)));
}

async function moveAcks(
  db: Db,
  acks: HostAck[],
  state: HostAck["state"],
  now: Date,
): Promise<string[]> {
  if (acks.length === 0) return [];
  const from = state === "delivered" ? ["queued"] : ["queued", "delivered"];
  const { rows } = await db.pool.query<{ key: string }>(
    `UPDATE command c
        SET state = $3::"CommandState", delivered_at = $4,
            started_at = CASE WHEN $3 = 'running' THEN $4 ELSE c.started_at END
       FROM unnest($1::uuid[], $2::uuid[]) AS a(id, host_id)
      WHERE c.id = a.id AND c.host_id = a.host_id AND c.state = ANY($5::"CommandState"[])
      RETURNING c.host_id || ':' || c.id AS key`,
    [acks.map((a) => a.id), acks.map((a) => a.hostId), state, now, from],
  );
  return rows.map((r) => r.key);
}

const commandKey = (c: { hostId: string; id: string }) => `${c.hostId}:${c.id}`;

/** A malformed id names no command, and must not fail a statement made for others. */
const wellFormed = (c: { hostId: string; id: string }) => UUID.test(c.id) && UUID.test(c.hostId);

/** Which of these (host, command) pairs exist, as `commandKey`s. */
async function existingCommands(
  db: Db,
  items: readonly { hostId: string; id: string }[],
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const { rows } = await db.pool.query<{ key: string }>(
    `SELECT c.host_id || ':' || c.id AS key FROM command c
       JOIN unnest($1::uuid[], $2::uuid[]) AS r(id, host_id)
         ON c.id = r.id AND c.host_id = r.host_id`,
    [items.map((i) => i.id), items.map((i) => i.hostId)],
  );
  return new Set(rows.map((r) => r.key));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One agent's result for one of its commands. */
export interface HostResult {
  hostId: string;
  id: string;
  result: CommandResult;
}

/**
 * The agent's verdict on one command (see `recordCommandResults`). Rejections (bad
 * signature, expired…) are recorded as failures with their reason. False when the host
 * has no such command.
 */
export async function recordCommandResult(
  db: Db,
  hostId: string,
  id: string,
  result: CommandResult,
): Promise<boolean> {
  const [found] = await recordCommandResults(db, [{ hostId, id, result }]);
  return found ?? false;
}

/**
 * Stores agents' results, many in one UPDATE (a rollout wave's thousand results arrive
 * within a second): a result is stored once, and a command already succeeded, failed or
 * cancelled keeps what it had (a replay is a no-op). Wakes the rollout worker for each
 * rollout whose command finished, and audits results the agent refused to run. Returns,
 * per item, whether that host has that command.
 */
export async function recordCommandResults(db: Db, all: readonly HostResult[]): Promise<boolean[]> {
  const items = all.filter(wellFormed);
  if (items.length === 0) return all.map(() => false);
  const rows = items.map(({ hostId, id, result }) => ({
    id,
    host_id: hostId,
    state: result.state === "succeeded" ? "succeeded" : "failed",
    finished_at: new Date(result.finishedAt).toISOString(),
    started_at: result.startedAt ? new Date(result.startedAt).toISOString() : null,
    exit_code: result.exitCode,
    output: result.output ?? null,
    stderr: result.stderr || null,
    error: result.error,
    rejection: result.rejection,
    dry_run: result.dryRun,
  }));
  const { rows: stored } = await db.pool.query<{
    id: string;
    host_id: string;
    organization_id: string;
    type: string;
    idempotency_key: string;
  }>(
    `UPDATE command c
        SET state = r.state::"CommandState", finished_at = r.finished_at,
            started_at = COALESCE(r.started_at, c.started_at), exit_code = r.exit_code,
            output = COALESCE(r.output, c.output), stderr = r.stderr, error = r.error,
            rejection = r.rejection, dry_run = r.dry_run
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, host_id uuid, state text,
              finished_at timestamptz, started_at timestamptz, exit_code int, output jsonb,
              stderr text, error text, rejection text, dry_run boolean)
      WHERE c.id = r.id AND c.host_id = r.host_id
        AND c.state NOT IN ('succeeded', 'failed', 'cancelled')
      RETURNING c.id, c.host_id, c.organization_id, c.type, c.idempotency_key`,
    [JSON.stringify(rows)],
  );
  const key = (hostId: string, id: string) => commandKey({ hostId, id });
  const found = new Set(stored.map((c) => key(c.host_id, c.id)));
  const rest = items.filter((i) => !found.has(commandKey(i)));
  for (const k of await existingCommands(db, rest)) found.add(k);
  // A rollout's command finished: wake the rollout worker now rather than at its next tick.
  const rollouts = new Set(
    stored.flatMap(
      (c) => /^(?:rollout|rollback):([0-9a-f-]{36}):/.exec(c.idempotency_key)?.[1] ?? [],
    ),
  );
  if (rollouts.size > 0)
    await db.pool.query("SELECT pg_notify($1, r) FROM unnest($2::text[]) AS r", [
      ROLLOUTS_CHANNEL,
      [...rollouts],
    ]);
  const byKey = new Map(stored.map((c) => [key(c.host_id, c.id), c]));
  for (const { hostId, id, result } of items) {
    const command = byKey.get(key(hostId, id));
    if (!command || result.state !== "rejected") continue;
    await recordAudit(db.prisma, {
      organizationId: command.organization_id,
      actorLabel: `host:${hostId}`,
      action: "command.rejected_by_agent",
      targetType: "command",
      targetId: id,
      details: { type: command.type, rejection: result.rejection, error: result.error },
    });
  }
  return all.map((i) => found.has(commandKey(i)));
}

/**
 * Commands past their expiry: never delivered → expired; started but never finished →
 * unknown (the host went away mid-run) once a grace period has also passed.
 */
export async function expireCommands(
  db: Db,
  now = new Date(),
  runningGraceMs = 10 * 60 * 1000,
): Promise<number> {
  const expired = await db.prisma.command.updateMany({
    where: { state: { in: ["queued", "delivered"] }, expiresAt: { lt: now } },
    data: { state: "expired" },
  });
  const unknown = await db.prisma.command.updateMany({
    where: { state: "running", expiresAt: { lt: new Date(now.getTime() - runningGraceMs) } },
    data: { state: "unknown" },
  });
  return expired.count + unknown.count;
}

export interface BatchCommand {
  hostId: string;
  type: CommandType;
  args: unknown;
  idempotencyKey: string;
}

/**
 * Many commands in one INSERT (a rollout wave). An idempotency key already used on a host
 * keeps its command: re-dispatching after a crash returns the same ids, and no host gets
 * a second command for the same (rollout, host, revision, attempt). One NOTIFY wakes
 * every instance to look at all of its streams.
 */
export async function enqueueMany(
  db: Db | { pool: Pick<Db["pool"], "query"> },
  signer: CommandSigner,
  input: {
    organizationId: string;
    commands: BatchCommand[];
    ttlSeconds: number;
    createdById: string | null;
  },
): Promise<Map<string, string>> {
  if (input.commands.length === 0) return new Map();
  const now = Date.now();
  const signed = input.commands.map((c) =>
    signer.sign({
      v: 1,
      id: randomUUID(),
      hostId: c.hostId,
      type: c.type,
      args: c.args,
      idempotencyKey: c.idempotencyKey,
      createdAt: now,
      expiresAt: now + input.ttlSeconds * 1000,
    }),
  );
  await db.pool.query(
    `INSERT INTO command (id, organization_id, host_id, type, args, idempotency_key, signature, created_by_id, created_at, expires_at)
     SELECT c.id, $1, c.host_id, c.type, c.args, c.key, c.signature, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0)
     FROM unnest($5::uuid[], $6::uuid[], $7::text[], $8::jsonb[], $9::text[], $10::text[]) AS c(id, host_id, type, args, key, signature)
     ON CONFLICT (host_id, idempotency_key) DO NOTHING`,
    [
      input.organizationId,
      input.createdById,
      now,
      now + input.ttlSeconds * 1000,
      signed.map((s) => s.id),
      signed.map((s) => s.hostId),
      signed.map((s) => s.type),
      signed.map((s) => JSON.stringify(s.args)),
      signed.map((s) => s.idempotencyKey),
      signed.map((s) => s.signature),
    ],
  );
  const { rows } = await db.pool.query<{ id: string; host_id: string; idempotency_key: string }>(
    `SELECT id, host_id, idempotency_key FROM command
      WHERE (host_id, idempotency_key) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
    [input.commands.map((c) => c.hostId), input.commands.map((c) => c.idempotencyKey)],
  );
  // Inside a transaction the NOTIFY is delivered at commit, together with the rows.
  await db.pool.query("SELECT pg_notify($1, '*')", [COMMANDS_CHANNEL]);
  return new Map(rows.map((r) => [`${r.host_id}|${r.idempotency_key}`, r.id]));
}
