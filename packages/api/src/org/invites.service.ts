import { generateSessionToken, hashToken } from "@fleetdeck/auth";
import type { Db, Role } from "@fleetdeck/db";
import { AppError } from "../errors";
import { roleAtLeast } from "../trpc";

export interface CreatedInvite {
  id: string;
  /** Shown once to the inviter; only its hash is stored. */
  url: string;
  expiresAt: Date;
}

export async function createInvite(
  db: Db,
  input: {
    organizationId: string;
    actor: { userId: string; role: Role };
    role: Role;
    email?: string;
    expiresInHours: number;
    publicUrl: string;
  },
): Promise<CreatedInvite> {
  if (!roleAtLeast(input.actor.role, input.role))
    throw new AppError("FORBIDDEN", `You cannot invite someone as ${input.role}.`);
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + input.expiresInHours * 3600_000);
  const invite = await db.prisma.invite.create({
    data: {
      organizationId: input.organizationId,
      tokenHash: hashToken(token),
      role: input.role,
      email: input.email?.trim().toLowerCase() || null,
      createdById: input.actor.userId,
      expiresAt,
    },
    select: { id: true },
  });
  return { id: invite.id, url: `${input.publicUrl}/invite/${token}`, expiresAt };
}

export async function listInvites(db: Db, organizationId: string) {
  const rows = await db.prisma.invite.findMany({
    where: { organizationId },
    select: {
      id: true,
      role: true,
      email: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      createdById: true,
      usedById: true,
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    status: r.revokedAt
      ? "revoked"
      : r.usedAt
        ? "used"
        : r.expiresAt.getTime() <= now
          ? "expired"
          : "pending",
  }));
}

export async function revokeInvite(db: Db, organizationId: string, id: string): Promise<void> {
  const { count } = await db.prisma.invite.updateMany({
    where: { id, organizationId, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count !== 1) throw new AppError("NOT_FOUND", "That invitation is not pending.");
}
