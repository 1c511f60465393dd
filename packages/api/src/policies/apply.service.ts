import type { Db } from "@fleetdeck/db";
import { AppError } from "../errors";
import type { CommandSigner } from "../fleet/command-signer";
import { enqueueCommand } from "../fleet/commands.service";
import { revisionDetail } from "./policies.service";

/** Time an apply may wait for an offline host before it expires instead of running late. */
const APPLY_TTL_SECONDS = 15 * 60;

/**
 * Sends one revision to one host as a `tc.apply` command (the agent applies it as a
 * transaction with read-back), and records it as that host's desired revision.
 */
export async function applyRevisionToHost(
  db: Db,
  signer: CommandSigner,
  input: {
    organizationId: string;
    revisionId: string;
    hostId: string;
    createdById: string | null;
    commitConfirmSeconds?: number;
    rolloutId?: string;
    idempotencyKey?: string;
  },
) {
  const revision = await revisionDetail(db, input.organizationId, input.revisionId);
  const host = await db.prisma.host.findFirst({
    where: { id: input.hostId, organizationId: input.organizationId },
    select: { id: true },
  });
  if (!host) throw new AppError("NOT_FOUND", "No such host in this organization.");
  const command = await enqueueCommand(db, signer, {
    organizationId: input.organizationId,
    hostId: host.id,
    type: "tc.apply",
    args: {
      revisionId: revision.id,
      policyName: revision.policy.name,
      hash: revision.hash,
      spec: revision.spec,
      commitConfirmSeconds: input.commitConfirmSeconds ?? 90,
      ...(input.rolloutId ? { rolloutId: input.rolloutId } : {}),
    },
    idempotencyKey: input.idempotencyKey,
    ttlSeconds: APPLY_TTL_SECONDS,
    createdById: input.createdById,
  });
  await db.prisma.host.update({ where: { id: host.id }, data: { desiredRevisionId: revision.id } });
  return command;
}

/** Pre-flight on the hosts themselves: the batch runs in a throwaway namespace there. */
export async function dryRunOnHosts(
  db: Db,
  signer: CommandSigner,
  input: { organizationId: string; revisionId: string; hostIds: string[]; createdById: string },
) {
  const revision = await revisionDetail(db, input.organizationId, input.revisionId);
  const commands = [];
  for (const hostId of input.hostIds) {
    commands.push({
      hostId,
      ...(await enqueueCommand(db, signer, {
        organizationId: input.organizationId,
        hostId,
        type: "tc.dry-run",
        args: { revisionId: revision.id, hash: revision.hash, spec: revision.spec },
        ttlSeconds: 300,
        createdById: input.createdById,
      })),
    });
  }
  return commands;
}
