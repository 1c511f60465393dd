import { createHash } from "node:crypto";
import { groupKey, groupReason, parseKernelLog, type CrashReport } from "@fleetdeck/crash";
import { type Db, type Prisma, recordAudit } from "@fleetdeck/db";
import type { BlobStore } from "../blobs/blob-store";
import { compareKernels } from "./kernel-version";

/** Past this many crashes from one host in an hour, only the parsed reports are kept. */
export const RAW_TEXT_PER_HOST_PER_HOUR = 30;

export interface IncomingCrashLog {
  organizationId: string;
  hostId: string;
  source: string;
  bootId: string;
  collectedAt: Date;
  text: string;
  /** The tc policy revision the agent had applied in the boot that crashed. */
  appliedRevisionId: string | null;
}

export interface IngestResult {
  /** The crashes this log is (new ones, or the existing ones when it is a duplicate). */
  crashIds: string[];
  /** Reports already received (same host, boot, source and text). */
  duplicates: number;
  groupIds: string[];
}

/**
 * Parses a kernel log and files each report under its group. A rescan sending the same
 * text again adds nothing; a report against a group marked fixed reopens it as regressed.
 */
export async function ingestCrashLog(
  db: Db,
  blobs: BlobStore,
  log: IncomingCrashLog,
): Promise<IngestResult> {
  const reports = parseKernelLog(log.text);
  const result: IngestResult = { crashIds: [], duplicates: 0, groupIds: [] };
  if (reports.length === 0) return result;
  const contentHash = createHash("sha256").update(log.text).digest("hex");
  const already = await db.prisma.crash.count({
    where: { hostId: log.hostId, bootId: log.bootId, source: log.source, contentHash },
  });
  if (already >= reports.length) {
    // A replay (the agent's reply got lost) or a rescan: the same ids again, so the agent
    // can still attach a vmcore to them.
    const existing = await db.prisma.crash.findMany({
      where: { hostId: log.hostId, bootId: log.bootId, source: log.source, contentHash },
      orderBy: { reportIndex: "asc" },
      select: { id: true, groupId: true },
    });
    return {
      crashIds: existing.map((c) => c.id),
      duplicates: reports.length,
      groupIds: [...new Set(existing.map((c) => c.groupId))],
    };
  }

  const recent = await db.prisma.crash.count({
    where: { hostId: log.hostId, receivedAt: { gt: new Date(Date.now() - 3600_000) } },
  });
  const rawBlob = recent < RAW_TEXT_PER_HOST_PER_HOUR ? await blobs.putBuffer(log.text) : null;
  const policyRevisionId = log.appliedRevisionId
    ? ((
        await db.prisma.policyRevision.findFirst({
          where: { id: log.appliedRevisionId, organizationId: log.organizationId },
          select: { id: true },
        })
      )?.id ?? null)
    : null;

  for (const [index, report] of reports.entries()) {
    const filed = await fileReport(db, log, report, index, {
      contentHash,
      rawBlob,
      rawBytes: Buffer.byteLength(log.text),
      policyRevisionId,
    });
    if (!filed) {
      result.duplicates++;
      continue;
    }
    result.crashIds.push(filed.crashId);
    if (!result.groupIds.includes(filed.groupId)) result.groupIds.push(filed.groupId);
  }
  return result;
}

interface Stored {
  contentHash: string;
  rawBlob: string | null;
  rawBytes: number;
  policyRevisionId: string | null;
}

async function fileReport(
  db: Db,
  log: IncomingCrashLog,
  report: CrashReport,
  index: number,
  stored: Stored,
) {
  return db.prisma.$transaction(async (tx) => {
    const groupId = await resolveGroup(tx, log.organizationId, report, log.collectedAt);
    const inserted = await tx.crash.createMany({
      data: [
        {
          organizationId: log.organizationId,
          hostId: log.hostId,
          groupId,
          bootId: log.bootId,
          source: log.source,
          collectedAt: log.collectedAt,
          contentHash: stored.contentHash,
          rawBlob: stored.rawBlob,
          rawBytes: stored.rawBytes,
          reportIndex: index,
          parsed: report as unknown as Prisma.InputJsonValue,
          kind: report.kind,
          title: report.title,
          function: report.blamedFunction ?? report.function,
          module: report.blamedModule ?? report.module,
          kernel: report.kernel,
          signatureExact: report.signature.exact,
          corrupted: report.corrupted,
          policyRevisionId: stored.policyRevisionId,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return null;
    const crash = await tx.crash.findFirstOrThrow({
      where: {
        hostId: log.hostId,
        bootId: log.bootId,
        source: log.source,
        contentHash: stored.contentHash,
        reportIndex: index,
      },
      select: { id: true },
    });
    await touchGroup(tx, groupId, log, report);
    return { crashId: crash.id, groupId };
  });
}

/** A person's split wins, then the signature's group, following any merge. */
async function resolveGroup(
  tx: Prisma.TransactionClient,
  organizationId: string,
  report: CrashReport,
  seenAt: Date,
): Promise<string> {
  const rule = await tx.crashGroupRule.findUnique({
    where: {
      organizationId_exactSignature: { organizationId, exactSignature: report.signature.exact },
    },
    select: { targetGroupId: true },
  });
  let groupId: string | undefined = rule?.targetGroupId;
  if (!groupId) {
    const signature = groupKey(report.signature);
    const group = await tx.crashGroup.upsert({
      where: { organizationId_signature: { organizationId, signature } },
      update: {},
      create: {
        organizationId,
        signature,
        title: report.title,
        kind: report.kind,
        function: report.blamedFunction ?? report.function,
        module: report.blamedModule ?? report.module,
        why: groupReason(report),
        firstSeenAt: seenAt,
        lastSeenAt: seenAt,
      },
      select: { id: true },
    });
    groupId = group.id;
  }
  let current: string = groupId;
  for (let hops = 0; hops < 10; hops++) {
    const next: { mergedIntoId: string | null } = await tx.crashGroup.findUniqueOrThrow({
      where: { id: current },
      select: { mergedIntoId: true },
    });
    if (!next.mergedIntoId) break;
    current = next.mergedIntoId;
  }
  return current;
}

async function touchGroup(
  tx: Prisma.TransactionClient,
  groupId: string,
  log: IncomingCrashLog,
  report: CrashReport,
) {
  // Row lock: counters and the regressed check see one crash at a time per group.
  const [group] = await tx.$queryRaw<
    { status: string; fixed_in: string | null; first_seen_at: Date; last_seen_at: Date }[]
  >`
    SELECT status, fixed_in, first_seen_at, last_seen_at FROM crash_group WHERE id = ${groupId}::uuid FOR UPDATE`;
  if (!group) return;
  const hosts = await tx.crash.findMany({
    where: { groupId },
    distinct: ["hostId"],
    select: { hostId: true },
  });
  const regressed =
    group.status === "fixed" &&
    (!group.fixed_in ||
      (report.kernel !== null && compareKernels(report.kernel, group.fixed_in) >= 0));
  await tx.crashGroup.update({
    where: { id: groupId },
    data: {
      crashCount: { increment: 1 },
      hostCount: hosts.length,
      firstSeenAt: log.collectedAt < group.first_seen_at ? log.collectedAt : undefined,
      lastSeenAt: log.collectedAt > group.last_seen_at ? log.collectedAt : undefined,
      ...(regressed ? { status: "regressed" } : {}),
    },
  });
  if (regressed) {
    await recordAudit(tx, {
      organizationId: log.organizationId,
      actorLabel: `host:${log.hostId}`,
      action: "crash_group.regressed",
      targetType: "crash_group",
      targetId: groupId,
      details: { kernel: report.kernel, fixedIn: group.fixed_in },
    });
  }
}
