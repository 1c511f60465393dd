import type { Db, Prisma } from "@fleetdeck/db";
import type { TcStatus } from "@fleetdeck/protocol";

/**
 * Records what a host says it runs. Called only when the status changed since the last
 * heartbeat (the caller keeps the last one), so it is not a write per heartbeat.
 */
export async function recordTcStatus(
  db: Db,
  hostId: string,
  organizationId: string,
  status: TcStatus,
): Promise<void> {
  // An id the server does not know (a revision deleted since) is kept as unknown, not trusted.
  const known = status.appliedRevisionId
    ? await db.prisma.policyRevision.findFirst({
        where: { id: status.appliedRevisionId, organizationId },
        select: { id: true },
      })
    : null;
  await db.prisma.host.update({
    where: { id: hostId },
    data: {
      appliedRevisionId: known?.id ?? null,
      appliedHash: status.appliedHash,
      appliedAt: status.appliedAt ? new Date(status.appliedAt) : null,
      driftDetectedAt: status.drift ? new Date(status.drift.detectedAt) : null,
      driftDetails: (status.drift
        ? { differences: status.drift.differences, repaired: status.drift.repaired }
        : undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
