import type { Db } from "@fleetdeck/db";
import { AppError } from "../errors";
import type { CommandSigner } from "../fleet/command-signer";
import { enqueueCommand } from "../fleet/commands.service";

const PENDING = ["queued", "delivered", "running"] as const;
/** A dump can take a while to reach a host that is away; the agent resumes it anyway. */
const FETCH_TTL_SECONDS = 24 * 3600;

/**
 * "Fetch vmcore" on a crash: asks the crashed host's agent to upload the dump it kept.
 * One request at a time per crash; the agent answers when the dump is stored, or why not.
 */
export async function requestVmcore(
  db: Db,
  signer: CommandSigner,
  input: { organizationId: string; crashId: string; createdById: string },
): Promise<{ id: string; created: boolean }> {
  const crash = await db.prisma.crash.findFirst({
    where: { id: input.crashId, organizationId: input.organizationId },
    select: { id: true, hostId: true, bootId: true, source: true, vmcoreBlob: true },
  });
  if (!crash) throw new AppError("NOT_FOUND", "No such crash in this organization.");
  if (crash.vmcoreBlob)
    throw new AppError("PRECONDITION_FAILED", "This crash's vmcore is already stored.");
  if (crash.source !== "kdump")
    throw new AppError(
      "PRECONDITION_FAILED",
      `Only kdump keeps a vmcore; this report came from ${crash.source}.`,
    );
  const pending = await db.prisma.command.findFirst({
    where: {
      hostId: crash.hostId,
      type: "vmcore.fetch",
      state: { in: [...PENDING] },
      args: { path: ["crashId"], equals: crash.id },
    },
    select: { id: true },
  });
  if (pending) return { id: pending.id, created: false };
  return enqueueCommand(db, signer, {
    organizationId: input.organizationId,
    hostId: crash.hostId,
    type: "vmcore.fetch",
    args: { crashId: crash.id, bootId: crash.bootId.slice(0, 64), source: crash.source },
    ttlSeconds: FETCH_TTL_SECONDS,
    createdById: input.createdById,
  });
}

export interface VmcoreStatus {
  /** The latest fetch request's command state and error, if any was made. */
  request: { commandId: string; state: string; error: string | null } | null;
  /** An upload under way: bytes the server holds of the whole. */
  upload: { received: number; length: number } | null;
}

/** Where each crash's vmcore stands, for the group page. */
export async function vmcoreStatuses(
  db: Db,
  crashIds: string[],
): Promise<Record<string, VmcoreStatus>> {
  if (crashIds.length === 0) return {};
  const [commands, uploads] = await Promise.all([
    db.prisma.$queryRaw<{ crash_id: string; id: string; state: string; error: string | null }[]>`
      SELECT DISTINCT ON (args->>'crashId') args->>'crashId' AS crash_id, id, state::text AS state, error
        FROM command
       WHERE type = 'vmcore.fetch' AND args->>'crashId' = ANY(${crashIds}::text[])
       ORDER BY args->>'crashId', created_at DESC`,
    db.prisma.upload.findMany({
      where: { crashId: { in: crashIds }, completedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { crashId: true, received: true, length: true },
    }),
  ]);
  const out: Record<string, VmcoreStatus> = {};
  for (const id of crashIds) out[id] = { request: null, upload: null };
  for (const c of commands)
    if (out[c.crash_id])
      (out[c.crash_id] as VmcoreStatus).request = {
        commandId: c.id,
        state: c.state,
        error: c.error,
      };
  for (const u of uploads)
    if (u.crashId && out[u.crashId] && !out[u.crashId]?.upload)
      (out[u.crashId] as VmcoreStatus).upload = {
        received: Number(u.received),
        length: Number(u.length),
      };
  return out;
}
