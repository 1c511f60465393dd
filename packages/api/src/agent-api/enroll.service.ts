import { hashToken } from "@fleetdeck/auth";
import { type Db, type Prisma, recordAudit } from "@fleetdeck/db";
import type { EnrollRequest, HostFacts } from "@fleetdeck/protocol";
import { AppError } from "../errors";
import type { Labels } from "../fleet/labels";
import { factsColumns, factsHash } from "./facts";

export interface EnrolledHost {
  hostId: string;
  organizationId: string;
  labels: Labels;
  possibleCloneOf: string | null;
}

/**
 * Turns an enrollment token into a host. The token is consumed atomically (so a
 * single-use token enrolls one host even when two race), and a machine-id seen before in
 * the organization marks the newcomer as a possible clone: flagged, never merged.
 */
export async function enrollHost(
  db: Db,
  request: EnrollRequest,
  ip: string | null,
): Promise<EnrolledHost> {
  const now = new Date();
  const claimed = await db.prisma.$queryRaw<
    { id: string; organization_id: string; labels: Labels }[]
  >`
    UPDATE enrollment_token SET uses = uses + 1
    WHERE token_hash = ${hashToken(request.token)} AND revoked_at IS NULL AND expires_at > ${now}
      AND (max_uses IS NULL OR uses < max_uses)
    RETURNING id, organization_id, labels`;
  const token = claimed[0];
  if (!token)
    throw new AppError(
      "UNAUTHORIZED",
      "This enrollment token is unknown, expired, revoked or used up.",
    );
  if (
    await db.prisma.host.findUnique({
      where: { publicKey: request.publicKey },
      select: { id: true },
    })
  ) {
    throw new AppError(
      "CONFLICT",
      "A host with this key is already enrolled; generate a new key to enroll again.",
    );
  }
  const original = await db.prisma.host.findFirst({
    where: { organizationId: token.organization_id, machineId: request.machineId, revokedAt: null },
    orderBy: { enrolledAt: "asc" },
    select: { id: true, name: true },
  });
  const host = await db.prisma.host.create({
    data: {
      organizationId: token.organization_id,
      publicKey: request.publicKey,
      machineId: request.machineId,
      // The agent's own --labels add to the token's; the token wins a conflict.
      labels: { ...request.labels, ...token.labels } as Prisma.InputJsonValue,
      enrollmentTokenId: token.id,
      possibleCloneOfId: original?.id ?? null,
      ...factsColumns(request.facts, factsHash(request.facts), now),
    },
    select: { id: true },
  });
  await recordAudit(db.prisma, {
    organizationId: token.organization_id,
    actorLabel: `agent:${request.facts.hostname}`,
    action: original ? "host.enrolled_possible_clone" : "host.enrolled",
    targetType: "host",
    targetId: host.id,
    ip,
    details: {
      enrollmentTokenId: token.id,
      machineId: request.machineId,
      ...(original ? { possibleCloneOf: original.id, originalName: original.name } : {}),
    },
  });
  return {
    hostId: host.id,
    organizationId: token.organization_id,
    labels: token.labels,
    possibleCloneOf: original?.id ?? null,
  };
}

/** Stores a host's facts (they arrive only when their hash changed). */
export async function storeFacts(
  db: Db,
  hostId: string,
  facts: HostFacts,
  hash: string,
): Promise<void> {
  await db.prisma.host.update({
    where: { id: hostId },
    data: factsColumns(facts, hash, new Date()),
  });
}
