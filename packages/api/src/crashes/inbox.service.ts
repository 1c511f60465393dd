import type { CrashGroupStatus, Db, Prisma } from "@fleetdeck/db";
import type { Labels } from "../fleet/labels";

export const GROUP_SORTS = ["lastSeenAt", "firstSeenAt", "crashCount", "hostCount"] as const;

export interface InboxQuery {
  organizationId: string;
  status?: CrashGroupStatus[];
  kind?: string;
  module?: string;
  kernel?: string;
  hostLabels?: Labels;
  sort: (typeof GROUP_SORTS)[number];
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
}

/** The triage inbox: groups (not merged away), filtered by status, kind, module, kernel and host label. */
export async function listCrashGroups(db: Db, query: InboxQuery) {
  const crashFilter: Prisma.CrashWhereInput = {
    ...(query.kernel ? { kernel: query.kernel } : {}),
    ...(query.hostLabels
      ? {
          host: {
            AND: Object.entries(query.hostLabels).map(([k, v]) => ({
              labels: { path: [k], equals: v },
            })),
          },
        }
      : {}),
  };
  const where: Prisma.CrashGroupWhereInput = {
    organizationId: query.organizationId,
    mergedIntoId: null,
    ...(query.status?.length ? { status: { in: query.status } } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.module ? { module: query.module === "-" ? null : query.module } : {}),
    ...(query.kernel || query.hostLabels ? { crashes: { some: crashFilter } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.prisma.crashGroup.findMany({
      where,
      orderBy: [{ [query.sort]: query.direction }, { id: "asc" }],
      skip: query.page * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        title: true,
        kind: true,
        function: true,
        module: true,
        status: true,
        assigneeId: true,
        crashCount: true,
        hostCount: true,
        firstSeenAt: true,
        lastSeenAt: true,
        fixedIn: true,
      },
    }),
    db.prisma.crashGroup.count({ where }),
  ]);
  const kernels = rows.length
    ? await db.prisma.$queryRaw<{ group_id: string; kernels: string[] }[]>`
        SELECT group_id, array_agg(DISTINCT kernel ORDER BY kernel) FILTER (WHERE kernel IS NOT NULL) AS kernels
        FROM crash WHERE group_id = ANY(${rows.map((r) => r.id)}::uuid[]) GROUP BY group_id`
    : [];
  const byGroup = new Map(kernels.map((k) => [k.group_id, k.kernels ?? []]));
  return { rows: rows.map((r) => ({ ...r, kernels: byGroup.get(r.id) ?? [] })), total };
}

export async function inboxFacets(db: Db, organizationId: string) {
  const [kinds, modules, kernels, statuses] = await Promise.all([
    db.prisma.crashGroup.groupBy({
      by: ["kind"],
      where: { organizationId, mergedIntoId: null },
      _count: true,
    }),
    db.prisma.crashGroup.groupBy({
      by: ["module"],
      where: { organizationId, mergedIntoId: null },
      _count: true,
    }),
    db.prisma.crash.groupBy({ by: ["kernel"], where: { organizationId }, _count: true }),
    db.prisma.crashGroup.groupBy({
      by: ["status"],
      where: { organizationId, mergedIntoId: null },
      _count: true,
    }),
  ]);
  return {
    kinds: kinds.map((k) => ({ value: k.kind, count: k._count })),
    modules: modules.map((m) => ({ value: m.module ?? "-", count: m._count })),
    kernels: kernels
      .filter((k) => k.kernel)
      .map((k) => ({ value: k.kernel as string, count: k._count })),
    statuses: statuses.map((s) => ({ value: s.status, count: s._count })),
  };
}
