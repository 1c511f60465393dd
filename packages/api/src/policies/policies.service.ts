import type { Db, Prisma } from "@fleetdeck/db";
import { diffPolicies, type PolicySpec } from "@fleetdeck/tc";
import { AppError } from "../errors";
import { prepareRevision } from "./compile";

interface Author {
  userId: string;
  email: string;
}

interface RevisionInput {
  policyId: string;
  organizationId: string;
  number: number;
  spec: unknown;
  /** The text the author edited (JSON or YAML); defaults to the spec as JSON. */
  source?: string;
  message: string;
  author: Author;
}

async function saveRevision(tx: Prisma.TransactionClient, input: RevisionInput) {
  const prepared = prepareRevision(input.spec);
  return tx.policyRevision.create({
    data: {
      policyId: input.policyId,
      organizationId: input.organizationId,
      number: input.number,
      spec: prepared.spec as unknown as Prisma.InputJsonValue,
      source: input.source ?? JSON.stringify(input.spec, null, 2),
      hash: prepared.hash,
      compiledBatch: prepared.compiledBatch,
      features: prepared.features as Prisma.InputJsonValue,
      message: input.message,
      createdById: input.author.userId,
    },
    select: { id: true, number: true, hash: true },
  });
}

export async function createPolicy(
  db: Db,
  input: {
    organizationId: string;
    name: string;
    description: string;
    spec: unknown;
    source?: string;
    message: string;
    author: Author;
  },
) {
  const taken = await db.prisma.policy.findUnique({
    where: { organizationId_name: { organizationId: input.organizationId, name: input.name } },
    select: { id: true },
  });
  if (taken) throw new AppError("CONFLICT", `A policy named “${input.name}” already exists.`);
  return db.prisma.$transaction(async (tx) => {
    const policy = await tx.policy.create({
      data: {
        organizationId: input.organizationId,
        name: input.name,
        description: input.description,
        createdById: input.author.userId,
      },
      select: { id: true },
    });
    const revision = await saveRevision(tx, {
      policyId: policy.id,
      organizationId: input.organizationId,
      number: 1,
      spec: input.spec,
      source: input.source,
      message: input.message || "First revision",
      author: input.author,
    });
    return { policyId: policy.id, revisionId: revision.id, number: 1 };
  });
}

/** A new immutable revision; refused when it would be identical to the latest one. */
export async function addRevision(
  db: Db,
  input: {
    organizationId: string;
    policyId: string;
    spec: unknown;
    source?: string;
    message: string;
    author: Author;
  },
) {
  return db.prisma.$transaction(async (tx) => {
    const latest = await tx.policyRevision.findFirst({
      where: { policyId: input.policyId, organizationId: input.organizationId },
      orderBy: { number: "desc" },
      select: { number: true, hash: true },
    });
    if (!latest) throw new AppError("NOT_FOUND", "No such policy in this organization.");
    const prepared = prepareRevision(input.spec);
    if (prepared.hash === latest.hash)
      throw new AppError("CONFLICT", `Nothing changed since revision ${latest.number}.`);
    const revision = await saveRevision(tx, { ...input, number: latest.number + 1 });
    await tx.policy.update({ where: { id: input.policyId }, data: { updatedAt: new Date() } });
    return { revisionId: revision.id, number: revision.number };
  });
}

export async function listPolicies(db: Db, organizationId: string) {
  const policies = await db.prisma.policy.findMany({
    where: { organizationId, archivedAt: null },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      name: true,
      description: true,
      updatedAt: true,
      revisions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { id: true, number: true, message: true, createdAt: true },
      },
    },
  });
  const applied = await db.prisma.$queryRaw<{ policy_id: string; n: bigint }[]>`
    SELECT r.policy_id, count(*) AS n FROM host h JOIN policy_revision r ON r.id = h.applied_revision_id
    WHERE h.organization_id = ${organizationId}::uuid AND h.revoked_at IS NULL GROUP BY 1`;
  const counts = new Map(applied.map((a) => [a.policy_id, Number(a.n)]));
  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    updatedAt: p.updatedAt,
    latest: p.revisions[0] ?? null,
    hostsApplied: counts.get(p.id) ?? 0,
  }));
}

export async function policyDetail(db: Db, organizationId: string, policyId: string) {
  const policy = await db.prisma.policy.findFirst({
    where: { id: policyId, organizationId },
    select: {
      id: true,
      name: true,
      description: true,
      createdAt: true,
      revisions: {
        orderBy: { number: "desc" },
        select: {
          id: true,
          number: true,
          hash: true,
          message: true,
          createdAt: true,
          createdById: true,
        },
      },
    },
  });
  if (!policy) throw new AppError("NOT_FOUND", "No such policy in this organization.");
  const authors = await db.prisma.user.findMany({
    where: { id: { in: policy.revisions.map((r) => r.createdById) } },
    select: { id: true, email: true, name: true },
  });
  const byId = new Map(authors.map((a) => [a.id, a.name || a.email]));
  return {
    ...policy,
    revisions: policy.revisions.map((r) => ({
      ...r,
      author: byId.get(r.createdById) ?? "someone",
    })),
  };
}

export async function revisionDetail(db: Db, organizationId: string, revisionId: string) {
  const revision = await db.prisma.policyRevision.findFirst({
    where: { id: revisionId, organizationId },
    select: {
      id: true,
      number: true,
      spec: true,
      source: true,
      hash: true,
      compiledBatch: true,
      features: true,
      message: true,
      createdAt: true,
      policy: { select: { id: true, name: true } },
    },
  });
  if (!revision) throw new AppError("NOT_FOUND", "No such revision in this organization.");
  return { ...revision, spec: revision.spec as unknown as PolicySpec };
}

/** A people's diff ("class 1:20 ceil 200 Mbit/s → 100 Mbit/s") between any two revisions. */
export async function diffRevisions(db: Db, organizationId: string, fromId: string, toId: string) {
  const [from, to] = await Promise.all([
    revisionDetail(db, organizationId, fromId),
    revisionDetail(db, organizationId, toId),
  ]);
  if (from.policy.id !== to.policy.id)
    throw new AppError("BAD_REQUEST", "Both revisions must belong to the same policy.");
  return {
    from: from.number,
    to: to.number,
    changes: diffPolicies(from.spec, to.spec),
    fromBatch: from.compiledBatch,
    toBatch: to.compiledBatch,
  };
}
