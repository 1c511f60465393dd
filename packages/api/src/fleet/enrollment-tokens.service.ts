import { generateSessionToken, hashToken } from "@fleetdeck/auth";
import type { Db, Prisma } from "@fleetdeck/db";
import { AppError } from "../errors";
import type { Labels } from "./labels";

export interface CreatedEnrollmentToken {
  id: string;
  /** Shown once; only its hash is stored. */
  token: string;
  /** The exact command an admin pastes on a host. */
  command: string;
  expiresAt: Date;
}

export async function createEnrollmentToken(
  db: Db,
  input: {
    organizationId: string;
    createdById: string;
    name: string;
    labels: Labels;
    maxUses: number | null;
    expiresInHours: number;
    publicUrl: string;
  },
): Promise<CreatedEnrollmentToken> {
  const token = `fdet_${generateSessionToken()}`;
  const expiresAt = new Date(Date.now() + input.expiresInHours * 3600_000);
  const row = await db.prisma.enrollmentToken.create({
    data: {
      organizationId: input.organizationId,
      createdById: input.createdById,
      name: input.name,
      labels: input.labels as Prisma.InputJsonValue,
      maxUses: input.maxUses,
      expiresAt,
      tokenHash: hashToken(token),
    },
    select: { id: true },
  });
  return {
    id: row.id,
    token,
    command: `fleetdeck-agent enroll --server ${input.publicUrl} --token ${token}`,
    expiresAt,
  };
}

export async function listEnrollmentTokens(db: Db, organizationId: string) {
  const rows = await db.prisma.enrollmentToken.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      labels: true,
      maxUses: true,
      uses: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      hosts: { select: { id: true, name: true }, take: 20, orderBy: { enrolledAt: "desc" } },
    },
  });
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    labels: r.labels as Labels,
    status: r.revokedAt
      ? "revoked"
      : r.expiresAt.getTime() <= now
        ? "expired"
        : r.maxUses !== null && r.uses >= r.maxUses
          ? "used up"
          : "active",
  }));
}

export async function revokeEnrollmentToken(
  db: Db,
  organizationId: string,
  id: string,
): Promise<void> {
  const { count } = await db.prisma.enrollmentToken.updateMany({
    where: { id, organizationId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count !== 1) throw new AppError("NOT_FOUND", "That token is not active.");
}
