import type { Db } from "@fleetdeck/db";

/** One host's crash reports, newest first, with their group's status: the host page's list. */
export async function hostCrashes(db: Db, organizationId: string, hostId: string, take = 100) {
  const crashes = await db.prisma.crash.findMany({
    where: { organizationId, hostId },
    orderBy: { collectedAt: "desc" },
    take,
    select: {
      id: true,
      title: true,
      kind: true,
      kernel: true,
      source: true,
      bootId: true,
      collectedAt: true,
      corrupted: true,
      vmcoreBlob: true,
      group: { select: { id: true, status: true } },
      policyRevision: {
        select: { id: true, number: true, policy: { select: { id: true, name: true } } },
      },
    },
  });
  return crashes.map(({ vmcoreBlob, ...c }) => ({ ...c, hasVmcore: vmcoreBlob !== null }));
}
