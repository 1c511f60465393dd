import { EventEmitter } from "node:events";
import { type Db, Prisma, recordAudit } from "@fleetdeck/db";
import { AppError } from "../errors";
import type { Labels } from "./labels";

export const HOST_SORTS = [
  "name",
  "lastSeenAt",
  "kernelRelease",
  "agentVersion",
  "enrolledAt",
] as const;
export type HostSort = (typeof HOST_SORTS)[number];

export interface HostQuery {
  organizationId: string;
  search?: string;
  status?: "online" | "offline" | "revoked" | "clone";
  labels?: Labels;
  kernel?: string;
  sort: HostSort;
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
}

function whereOf(query: HostQuery): Prisma.HostWhereInput {
  const where: Prisma.HostWhereInput = { organizationId: query.organizationId };
  if (query.search) where.name = { contains: query.search, mode: "insensitive" };
  if (query.kernel) where.kernelRelease = query.kernel;
  if (query.labels)
    where.AND = Object.entries(query.labels).map(([key, value]) => ({
      labels: { path: [key], equals: value },
    }));
  switch (query.status) {
    case "online":
      Object.assign(where, { online: true, revokedAt: null });
      break;
    case "offline":
      Object.assign(where, { online: false, revokedAt: null });
      break;
    case "revoked":
      where.revokedAt = { not: null };
      break;
    case "clone":
      where.possibleCloneOfId = { not: null };
      break;
    case undefined:
      where.revokedAt = null;
      break;
    default:
      query.status satisfies never;
  }
  return where;
}

const listSelect = {
  id: true,
  name: true,
  online: true,
  labels: true,
  kernelRelease: true,
  osName: true,
  agentVersion: true,
  lastSeenAt: true,
  enrolledAt: true,
  revokedAt: true,
  possibleCloneOfId: true,
  dryRun: true,
} satisfies Prisma.HostSelect;

/** One page of the fleet table and the total matching the filters. */
export async function listHosts(db: Db, query: HostQuery) {
  const where = whereOf(query);
  // Never-seen hosts sort last either way; `nulls` is only allowed on nullable columns.
  const nullable =
    query.sort === "lastSeenAt" || query.sort === "kernelRelease" || query.sort === "agentVersion";
  const orderBy: Prisma.HostOrderByWithRelationInput[] = [
    { [query.sort]: nullable ? { sort: query.direction, nulls: "last" } : query.direction },
    { id: "asc" },
  ];
  const [rows, total] = await Promise.all([
    db.prisma.host.findMany({
      where,
      orderBy,
      skip: query.page * query.pageSize,
      take: query.pageSize,
      select: listSelect,
    }),
    db.prisma.host.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, labels: r.labels as Labels })), total };
}

/** Values for the filter menus: kernels and labels in use, with counts. */
export async function fleetFacets(db: Db, organizationId: string) {
  const [kernels, labels, counts] = await Promise.all([
    db.prisma.$queryRaw<{ kernel: string; n: bigint }[]>`
      SELECT kernel_release AS kernel, count(*) AS n FROM host
      WHERE organization_id = ${organizationId}::uuid AND revoked_at IS NULL AND kernel_release IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC LIMIT 50`,
    db.prisma.$queryRaw<{ label: string; n: bigint }[]>`
      SELECT l.key || '=' || l.value AS label, count(*) AS n FROM host, jsonb_each_text(labels) l
      WHERE organization_id = ${organizationId}::uuid AND revoked_at IS NULL
      GROUP BY 1 ORDER BY 2 DESC LIMIT 100`,
    db.prisma.$queryRaw<{ online: bigint; offline: bigint; clones: bigint }[]>`
      SELECT count(*) FILTER (WHERE online) AS online, count(*) FILTER (WHERE NOT online) AS offline,
             count(*) FILTER (WHERE possible_clone_of_id IS NOT NULL) AS clones
      FROM host WHERE organization_id = ${organizationId}::uuid AND revoked_at IS NULL`,
  ]);
  const c = counts[0];
  return {
    kernels: kernels.map((k) => ({ value: k.kernel, count: Number(k.n) })),
    labels: labels.map((l) => ({ value: l.label, count: Number(l.n) })),
    online: Number(c?.online ?? 0),
    offline: Number(c?.offline ?? 0),
    clones: Number(c?.clones ?? 0),
  };
}

export async function hostDetail(db: Db, organizationId: string, hostId: string) {
  const host = await db.prisma.host.findFirst({
    where: { id: hostId, organizationId },
    select: {
      ...listSelect,
      machineId: true,
      facts: true,
      factsUpdatedAt: true,
      lastBootId: true,
      enrollmentToken: { select: { id: true, name: true } },
      possibleCloneOf: { select: { id: true, name: true, enrolledAt: true } },
      clones: { select: { id: true, name: true, enrolledAt: true } },
      statusEvents: { orderBy: { at: "desc" }, take: 50, select: { status: true, at: true } },
      appliedHash: true,
      appliedAt: true,
      driftDetectedAt: true,
      driftDetails: true,
      desiredRevision: {
        select: {
          id: true,
          number: true,
          hash: true,
          policy: { select: { id: true, name: true } },
        },
      },
      appliedRevision: {
        select: {
          id: true,
          number: true,
          hash: true,
          policy: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!host) throw new AppError("NOT_FOUND", "No such host in this organization.");
  return { ...host, labels: host.labels as Labels };
}

/** A NOTIFY other instances act on: drop cached keys, close a revoked host's stream. */
export const HOSTS_CHANNEL = "fleetdeck_hosts";

const HOST_CHANGES = Symbol.for("fleetdeck.hostChanges");

/**
 * The in-process twin of that NOTIFY: this instance's agent API forgets the host before
 * the mutation answers, so a revoked host's very next request is refused. (NOTIFY reaches
 * the LISTEN connection a little later.) Keyed on the global symbol registry because the
 * dashboard's bundle and the server hold separate copies of this module.
 */
export function hostChanges(): EventEmitter {
  const registry = globalThis as unknown as Record<symbol, EventEmitter | undefined>;
  registry[HOST_CHANGES] ??= new EventEmitter().setMaxListeners(0);
  return registry[HOST_CHANGES];
}

async function announce(db: Db, hostId: string) {
  await db.pool.query("SELECT pg_notify($1, $2)", [HOSTS_CHANNEL, hostId]);
  hostChanges().emit("changed", hostId);
}

export async function setHostLabels(
  db: Db,
  organizationId: string,
  hostId: string,
  labels: Labels,
): Promise<void> {
  const { count } = await db.prisma.host.updateMany({
    where: { id: hostId, organizationId },
    data: { labels: labels as Prisma.InputJsonValue },
  });
  if (count !== 1) throw new AppError("NOT_FOUND", "No such host in this organization.");
}

/** Revoked hosts keep their history but get 401 on their next request. */
export async function revokeHost(db: Db, organizationId: string, hostId: string): Promise<void> {
  const { count } = await db.prisma.host.updateMany({
    where: { id: hostId, organizationId, revokedAt: null },
    data: { revokedAt: new Date(), online: false },
  });
  if (count !== 1)
    throw new AppError("NOT_FOUND", "That host is not enrolled here (or already revoked).");
  await announce(db, hostId);
}

export async function deleteHost(db: Db, organizationId: string, hostId: string): Promise<void> {
  const { count } = await db.prisma.host.deleteMany({ where: { id: hostId, organizationId } });
  if (count !== 1) throw new AppError("NOT_FOUND", "No such host in this organization.");
  await announce(db, hostId);
}

/**
 * A flagged clone: either it is a different machine (keep it as a new host, clear the
 * flag) or it is the original re-imaged (the original takes the new key and history; the
 * duplicate row goes).
 */
export async function resolveClone(
  db: Db,
  organizationId: string,
  cloneId: string,
  decision: "new_host" | "rekey_original",
  actor: { userId: string; email: string },
) {
  const clone = await db.prisma.host.findFirst({
    where: { id: cloneId, organizationId, possibleCloneOfId: { not: null } },
    select: { id: true, publicKey: true, possibleCloneOfId: true },
  });
  if (!clone?.possibleCloneOfId)
    throw new AppError("NOT_FOUND", "That host is not flagged as a possible clone.");
  if (decision === "new_host") {
    await db.prisma.host.update({ where: { id: clone.id }, data: { possibleCloneOfId: null } });
  } else {
    await db.prisma.$transaction([
      db.prisma.host.delete({ where: { id: clone.id } }),
      db.prisma.host.update({
        where: { id: clone.possibleCloneOfId },
        data: { publicKey: clone.publicKey, revokedAt: null },
      }),
    ]);
    await announce(db, clone.possibleCloneOfId);
    await announce(db, clone.id);
  }
  await recordAudit(db.prisma, {
    organizationId,
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action: decision === "new_host" ? "host.clone_accepted_as_new" : "host.clone_rekeyed_original",
    targetType: "host",
    targetId: decision === "new_host" ? clone.id : clone.possibleCloneOfId,
  });
}

export async function hostCommands(db: Db, organizationId: string, hostId: string, take = 50) {
  return db.prisma.command.findMany({
    where: { hostId, organizationId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      type: true,
      args: true,
      state: true,
      createdAt: true,
      expiresAt: true,
      deliveredAt: true,
      startedAt: true,
      finishedAt: true,
      exitCode: true,
      output: true,
      stderr: true,
      error: true,
      rejection: true,
      dryRun: true,
    },
  });
}
