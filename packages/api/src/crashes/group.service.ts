import { vmcoreStatuses } from "./vmcore.service";
import type { CrashReport } from "@fleetdeck/crash";
import { type CrashGroupStatus, type Db, recordAudit } from "@fleetdeck/db";
import { AppError } from "../errors";

async function groupOf(db: Db, organizationId: string, groupId: string) {
  const group = await db.prisma.crashGroup.findFirst({ where: { id: groupId, organizationId } });
  if (!group) throw new AppError("NOT_FOUND", "No such crash group in this organization.");
  return group;
}

/** Everything the group page shows: the representative report, occurrences, hosts, kernels, policy revisions. */
export async function crashGroupDetail(db: Db, organizationId: string, groupId: string) {
  const group = await groupOf(db, organizationId, groupId);
  const crashes = await db.prisma.crash.findMany({
    where: { groupId },
    orderBy: { collectedAt: "desc" },
    take: 200,
    select: {
      id: true,
      collectedAt: true,
      source: true,
      kernel: true,
      bootId: true,
      corrupted: true,
      rawBlob: true,
      signatureExact: true,
      vmcoreBlob: true,
      vmcoreBytes: true,
      host: { select: { id: true, name: true } },
      policyRevision: {
        select: { id: true, number: true, policy: { select: { id: true, name: true } } },
      },
    },
  });
  const representative = await db.prisma.crash.findFirst({
    where: { groupId },
    orderBy: { collectedAt: "desc" },
    select: { id: true, parsed: true, rawBlob: true },
  });
  const [perDay, matrix, comments, assignee, mergedFrom] = await Promise.all([
    db.prisma.$queryRaw<{ day: Date; n: bigint }[]>`
      SELECT date_trunc('day', collected_at) AS day, count(*) AS n FROM crash WHERE group_id = ${groupId}::uuid GROUP BY 1 ORDER BY 1`,
    db.prisma.$queryRaw<{ kernel: string | null; revision_id: string | null; n: bigint }[]>`
      SELECT kernel, policy_revision_id AS revision_id, count(*) AS n FROM crash WHERE group_id = ${groupId}::uuid GROUP BY 1, 2`,
    db.prisma.crashComment.findMany({
      where: { groupId },
      orderBy: { createdAt: "asc" },
      select: { id: true, body: true, createdAt: true, authorId: true },
    }),
    group.assigneeId
      ? db.prisma.user.findUnique({
          where: { id: group.assigneeId },
          select: { id: true, name: true, email: true },
        })
      : null,
    db.prisma.crashGroup.findMany({
      where: { mergedIntoId: groupId },
      select: { id: true, title: true },
    }),
  ]);
  const authors = await db.prisma.user.findMany({
    where: { id: { in: comments.map((c) => c.authorId) } },
    select: { id: true, name: true, email: true },
  });
  const authorName = new Map(authors.map((a) => [a.id, a.name || a.email]));
  return {
    group,
    report: (representative?.parsed ?? null) as CrashReport | null,
    representativeCrashId: representative?.id ?? null,
    crashes,
    occurrences: perDay.map((d) => ({ day: d.day, count: Number(d.n) })),
    kernelByRevision: matrix.map((m) => ({
      kernel: m.kernel,
      revisionId: m.revision_id,
      count: Number(m.n),
    })),
    comments: comments.map((c) => ({ ...c, author: authorName.get(c.authorId) ?? "someone" })),
    assignee,
    mergedFrom,
    vmcore: await vmcoreStatuses(
      db,
      crashes.map((c) => c.id),
    ),
  };
}

export async function setGroupStatus(
  db: Db,
  organizationId: string,
  groupIds: string[],
  status: CrashGroupStatus,
) {
  const { count } = await db.prisma.crashGroup.updateMany({
    where: { id: { in: groupIds }, organizationId },
    data: { status },
  });
  if (count !== groupIds.length)
    throw new AppError("NOT_FOUND", "Some of these groups are not in this organization.");
}

export async function updateGroup(
  db: Db,
  organizationId: string,
  groupId: string,
  data: { assigneeId?: string | null; fixedIn?: string | null },
) {
  await groupOf(db, organizationId, groupId);
  if (data.assigneeId) {
    const member = await db.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId: data.assigneeId } },
    });
    if (!member)
      throw new AppError("BAD_REQUEST", "The assignee must be a member of this organization.");
  }
  await db.prisma.crashGroup.update({ where: { id: groupId }, data });
}

export async function addComment(
  db: Db,
  organizationId: string,
  groupId: string,
  authorId: string,
  body: string,
) {
  await groupOf(db, organizationId, groupId);
  return db.prisma.crashComment.create({ data: { groupId, authorId, body }, select: { id: true } });
}

async function recount(db: Db, groupId: string) {
  const [count, hosts, span] = await Promise.all([
    db.prisma.crash.count({ where: { groupId } }),
    db.prisma.crash.findMany({
      where: { groupId },
      distinct: ["hostId"],
      select: { hostId: true },
    }),
    db.prisma.crash.aggregate({
      where: { groupId },
      _min: { collectedAt: true },
      _max: { collectedAt: true },
    }),
  ]);
  await db.prisma.crashGroup.update({
    where: { id: groupId },
    data: {
      crashCount: count,
      hostCount: hosts.length,
      ...(span._min.collectedAt ? { firstSeenAt: span._min.collectedAt } : {}),
      ...(span._max.collectedAt ? { lastSeenAt: span._max.collectedAt } : {}),
    },
  });
}

/**
 * Merge `sourceId` into `targetId`: its crashes move, and new crashes with its signature
 * go to the target from now on (the source keeps pointing there).
 */
export async function mergeGroups(
  db: Db,
  organizationId: string,
  sourceId: string,
  targetId: string,
  actor: { userId: string; email: string },
) {
  if (sourceId === targetId)
    throw new AppError("BAD_REQUEST", "A group cannot be merged into itself.");
  const [source, target] = await Promise.all([
    groupOf(db, organizationId, sourceId),
    groupOf(db, organizationId, targetId),
  ]);
  if (target.mergedIntoId)
    throw new AppError(
      "BAD_REQUEST",
      "The target group was itself merged away; merge into the group it points to.",
    );
  await db.prisma.$transaction([
    db.prisma.crash.updateMany({ where: { groupId: source.id }, data: { groupId: target.id } }),
    db.prisma.crashGroup.updateMany({
      where: { mergedIntoId: source.id },
      data: { mergedIntoId: target.id },
    }),
    db.prisma.crashGroupRule.updateMany({
      where: { targetGroupId: source.id },
      data: { targetGroupId: target.id },
    }),
    db.prisma.crashGroup.update({
      where: { id: source.id },
      data: { mergedIntoId: target.id, crashCount: 0, hostCount: 0 },
    }),
  ]);
  await recount(db, target.id);
  await recordAudit(db.prisma, {
    organizationId,
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action: "crash_group.merged",
    targetType: "crash_group",
    targetId: target.id,
    details: { from: source.id, fromTitle: source.title, intoTitle: target.title },
  });
}

/**
 * Moves a crash, and every crash with its exact signature, into a group of their own; a
 * rule sends later crashes with that exact signature there too.
 */
export async function splitCrash(
  db: Db,
  organizationId: string,
  crashId: string,
  actor: { userId: string; email: string },
) {
  const crash = await db.prisma.crash.findFirst({
    where: { id: crashId, organizationId },
    select: {
      groupId: true,
      signatureExact: true,
      title: true,
      kind: true,
      function: true,
      module: true,
      collectedAt: true,
    },
  });
  if (!crash) throw new AppError("NOT_FOUND", "No such crash in this organization.");
  const signature = `split:${crash.signatureExact}`;
  const group = await db.prisma.crashGroup.upsert({
    where: { organizationId_signature: { organizationId, signature } },
    update: { mergedIntoId: null },
    create: {
      organizationId,
      signature,
      title: crash.title,
      kind: crash.kind,
      function: crash.function,
      module: crash.module,
      why: `split by ${actor.email}: exact signature ${crash.signatureExact} (same frames and offsets)`,
      firstSeenAt: crash.collectedAt,
      lastSeenAt: crash.collectedAt,
    },
  });
  await db.prisma.$transaction([
    db.prisma.crash.updateMany({
      where: { organizationId, signatureExact: crash.signatureExact },
      data: { groupId: group.id },
    }),
    db.prisma.crashGroupRule.upsert({
      where: {
        organizationId_exactSignature: { organizationId, exactSignature: crash.signatureExact },
      },
      update: { targetGroupId: group.id },
      create: {
        organizationId,
        kind: "split",
        exactSignature: crash.signatureExact,
        targetGroupId: group.id,
        createdById: actor.userId,
      },
    }),
  ]);
  await Promise.all([recount(db, group.id), recount(db, crash.groupId)]);
  await recordAudit(db.prisma, {
    organizationId,
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action: "crash_group.split",
    targetType: "crash_group",
    targetId: group.id,
    details: { from: crash.groupId, exactSignature: crash.signatureExact },
  });
  return { groupId: group.id };
}
