import type { Db, Prisma } from "@fleetdeck/db";

export interface AuditQuery {
  organizationId: string;
  actorUserId?: string;
  /** "auth." matches every sign-in event; an exact action matches itself. */
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/**
 * The organization's log: its own events, plus the sign-in events of its members (those
 * belong to no organization). Newest first, one page at a time, with the total.
 */
export async function listAuditEvents(db: Db, query: AuditQuery) {
  const members = await db.prisma.membership.findMany({
    where: { organizationId: query.organizationId },
    select: { userId: true },
  });
  const where: Prisma.AuditEventWhereInput = {
    OR: [
      { organizationId: query.organizationId },
      { organizationId: null, actorUserId: { in: members.map((m) => m.userId) } },
    ],
    ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
    ...(query.action
      ? query.action.endsWith(".")
        ? { action: { startsWith: query.action } }
        : { action: query.action }
      : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: query.from } : {}),
            ...(query.to ? { lt: query.to } : {}),
          },
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.prisma.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: query.page * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        createdAt: true,
        actorUserId: true,
        actorLabel: true,
        action: true,
        targetType: true,
        targetId: true,
        ip: true,
        userAgent: true,
        details: true,
      },
    }),
    db.prisma.auditEvent.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, id: r.id.toString() })), total };
}

/** The distinct actions and actors seen, for the filter menus. */
export async function auditFacets(db: Db, organizationId: string) {
  const [actions, actors] = await Promise.all([
    db.prisma.auditEvent.findMany({
      where: { organizationId },
      distinct: ["action"],
      select: { action: true },
      take: 200,
    }),
    db.prisma.membership.findMany({
      where: { organizationId },
      select: { user: { select: { id: true, email: true, name: true } } },
    }),
  ]);
  return {
    actions: [
      ...new Set(["auth.login.succeeded", "auth.login.failed", ...actions.map((a) => a.action)]),
    ].sort(),
    actors: actors.map((a) => a.user),
  };
}
