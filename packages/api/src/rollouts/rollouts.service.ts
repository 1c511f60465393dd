import type { Db } from "@fleetdeck/db";
import { AppError } from "../errors";
import type { Labels } from "../fleet/labels";
import { matches, parseSelector } from "./selector";
import type { Target } from "./plan.service";
import { strategySchema } from "./strategy";

export async function listRollouts(db: Db, organizationId: string) {
  const rows = await db.prisma.rollout.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      state: true,
      currentWave: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      abortReason: true,
      revision: { select: { number: true, policy: { select: { id: true, name: true } } } },
      _count: { select: { hosts: true, waves: true } },
    },
  });
  return rows;
}

/** Everything the rollout page shows, read in a few queries whatever the host count. */
export async function rolloutDetail(db: Db, organizationId: string, rolloutId: string) {
  const rollout = await db.prisma.rollout.findFirst({
    where: { id: rolloutId, organizationId },
    select: {
      id: true,
      name: true,
      state: true,
      currentWave: true,
      target: true,
      strategy: true,
      abortReason: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      revision: {
        select: {
          id: true,
          number: true,
          hash: true,
          policy: { select: { id: true, name: true } },
        },
      },
      waves: { orderBy: { index: "asc" } },
    },
  });
  if (!rollout) throw new AppError("NOT_FOUND", "No such rollout in this organization.");
  const [hosts, events] = await Promise.all([
    db.prisma.rolloutHost.findMany({
      where: { rolloutId },
      orderBy: [{ wave: "asc" }, { host: { name: "asc" } }],
      select: {
        hostId: true,
        wave: true,
        state: true,
        reason: true,
        attempt: true,
        commandId: true,
        rollbackCommandId: true,
        crashGroupId: true,
        dispatchedAt: true,
        verifiedAt: true,
        finishedAt: true,
        host: {
          select: {
            name: true,
            online: true,
            kernelRelease: true,
            appliedHash: true,
            driftDetectedAt: true,
          },
        },
      },
    }),
    db.prisma.rolloutEvent.findMany({
      where: { rolloutId },
      orderBy: { at: "desc" },
      take: 300,
      select: { id: true, at: true, type: true, message: true },
    }),
  ]);
  const target = rollout.target as Target;
  let joinedSince = 0;
  if (target.kind !== "hosts") {
    const inRollout = new Set(hosts.map((h) => h.hostId));
    const terms = target.kind === "selector" ? parseSelector(target.selector) : [];
    const now = await db.prisma.host.findMany({
      where: { organizationId, revokedAt: null },
      select: { id: true, labels: true },
    });
    joinedSince = now.filter(
      (h) => !inRollout.has(h.id) && matches(terms, h.labels as Labels),
    ).length;
  }
  return {
    ...rollout,
    strategy: strategySchema.parse(rollout.strategy),
    hosts,
    events: events.map((e) => ({ ...e, id: e.id.toString() })),
    joinedSince,
  };
}

/** Live count for the wizard: how many hosts the selector matches right now. */
export async function countMatching(
  db: Db,
  organizationId: string,
  target: Target,
): Promise<number> {
  if (target.kind === "hosts")
    return db.prisma.host.count({
      where: { organizationId, revokedAt: null, id: { in: target.hostIds } },
    });
  const hosts = await db.prisma.host.findMany({
    where: { organizationId, revokedAt: null },
    select: { labels: true },
  });
  const terms = target.kind === "selector" ? parseSelector(target.selector) : [];
  return hosts.filter((h) => matches(terms, h.labels as Labels)).length;
}

/** Rollouts that were in flight on a crash group's hosts when those hosts crashed. */
export async function rolloutsForCrashGroup(db: Db, organizationId: string, groupId: string) {
  return db.prisma.$queryRaw<{ id: string; name: string; state: string; crashes: bigint }[]>`
    SELECT r.id, r.name, r.state::text AS state, count(DISTINCT c.id) AS crashes
      FROM crash c
      JOIN rollout_host rh ON rh.host_id = c.host_id AND rh.dispatched_at IS NOT NULL AND rh.dispatched_at <= c.collected_at
      JOIN rollout r ON r.id = rh.rollout_id
     WHERE c.group_id = ${groupId}::uuid AND c.organization_id = ${organizationId}::uuid
       AND (r.finished_at IS NULL OR r.finished_at >= c.collected_at)
     GROUP BY r.id, r.name, r.state ORDER BY max(c.collected_at) DESC`;
}
