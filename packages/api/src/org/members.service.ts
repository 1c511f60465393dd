import type { Db, Role } from "@fleetdeck/db";
import { AppError } from "../errors";
import { roleAtLeast } from "../trpc";

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
  totpEnrolled: boolean;
}

export async function listMembers(db: Db, organizationId: string): Promise<MemberRow[]> {
  const rows = await db.prisma.membership.findMany({
    where: { organizationId },
    select: {
      role: true,
      createdAt: true,
      user: { select: { id: true, email: true, name: true, totpEnrolledAt: true } },
    },
    orderBy: [{ createdAt: "asc" }],
  });
  return rows.map((r) => ({
    userId: r.user.id,
    email: r.user.email,
    name: r.user.name,
    role: r.role,
    joinedAt: r.createdAt,
    totpEnrolled: r.user.totpEnrolledAt !== null,
  }));
}

async function membershipOf(db: Db, organizationId: string, userId: string) {
  const membership = await db.prisma.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true },
  });
  if (!membership)
    throw new AppError("NOT_FOUND", "That person is not a member of this organization.");
  return membership;
}

async function ownerCount(db: Db, organizationId: string): Promise<number> {
  return db.prisma.membership.count({ where: { organizationId, role: "owner" } });
}

/**
 * Role changes: only an owner makes or unmakes owners, and the last owner cannot step
 * down (an organization always keeps one).
 */
export async function changeRole(
  db: Db,
  actor: { role: Role },
  organizationId: string,
  userId: string,
  role: Role,
): Promise<void> {
  const target = await membershipOf(db, organizationId, userId);
  if ((role === "owner" || target.role === "owner") && actor.role !== "owner") {
    throw new AppError("FORBIDDEN", "Only an owner can grant or take away the owner role.");
  }
  if (target.role === "owner" && role !== "owner" && (await ownerCount(db, organizationId)) <= 1) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "An organization must keep at least one owner. Make someone else owner first.",
    );
  }
  await db.prisma.membership.update({
    where: { organizationId_userId: { organizationId, userId } },
    data: { role },
  });
}

export async function removeMember(
  db: Db,
  actor: { role: Role },
  organizationId: string,
  userId: string,
): Promise<void> {
  const target = await membershipOf(db, organizationId, userId);
  if (target.role === "owner" && actor.role !== "owner")
    throw new AppError("FORBIDDEN", "Only an owner can remove an owner.");
  if (target.role === "owner" && (await ownerCount(db, organizationId)) <= 1) {
    throw new AppError("PRECONDITION_FAILED", "An organization must keep at least one owner.");
  }
  await db.prisma.membership.delete({
    where: { organizationId_userId: { organizationId, userId } },
  });
}

/** Who may reset whose TOTP: an admin for non-owners, an owner for anyone, nobody for themselves. */
export async function assertMayResetTotp(
  db: Db,
  actor: { role: Role; userId: string },
  organizationId: string,
  userId: string,
) {
  if (userId === actor.userId)
    throw new AppError("BAD_REQUEST", "Move your own authenticator from the account page.");
  const target = await membershipOf(db, organizationId, userId);
  if (!roleAtLeast(actor.role, target.role))
    throw new AppError("FORBIDDEN", `Only an ${target.role} or higher can reset this member.`);
}
