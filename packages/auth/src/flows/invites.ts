import { type Db, type Role, recordAudit } from "@fleetdeck/db";
import { AuthError } from "../errors";
import { hashPassword } from "../password/hash";
import { hashToken } from "../session/token";
import { createChallenge } from "../store/challenges";
import { createSession, type NewSession } from "../store/sessions";
import { type AuthDeps, type Caller, normaliseEmail, nowOf } from "./deps";
import { assertNewPassword } from "./signup";

export interface InvitePreview {
  organizationName: string;
  role: Role;
  email: string | null;
  invitedBy: string;
}

async function liveInvite(db: Db, token: string, now: Date) {
  const invite = await db.prisma.invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      role: true,
      email: true,
      organizationId: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      createdById: true,
      organization: { select: { name: true, slug: true } },
    },
  });
  if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= now) {
    throw new AuthError("expired", "This invitation is no longer valid. Ask for a new link.");
  }
  return invite;
}

export async function previewInvite(deps: AuthDeps, token: string): Promise<InvitePreview> {
  const invite = await liveInvite(deps.db, token, nowOf(deps));
  const inviter = await deps.db.prisma.user.findUnique({
    where: { id: invite.createdById },
    select: { name: true, email: true },
  });
  return {
    organizationName: invite.organization.name,
    role: invite.role,
    email: invite.email,
    invitedBy: inviter?.name || inviter?.email || "an admin",
  };
}

/** Marks the invite used; exactly one of two racing accepts wins. */
async function claim(db: Db, inviteId: string, userId: string, now: Date): Promise<void> {
  const { count } = await db.prisma.invite.updateMany({
    where: { id: inviteId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedById: userId },
  });
  if (count !== 1)
    throw new AuthError("expired", "This invitation is no longer valid. Ask for a new link.");
}

async function join(
  db: Db,
  invite: Awaited<ReturnType<typeof liveInvite>>,
  user: { id: string; email: string },
  caller: Caller,
) {
  await db.prisma.membership.create({
    data: { organizationId: invite.organizationId, userId: user.id, role: invite.role },
  });
  await recordAudit(db.prisma, {
    organizationId: invite.organizationId,
    actorUserId: user.id,
    actorLabel: user.email,
    action: "member.joined",
    targetType: "user",
    targetId: user.id,
    ip: caller.ip,
    userAgent: caller.userAgent,
    details: { role: invite.role, inviteId: invite.id },
  });
}

/** Someone new: an account with a password, then TOTP enrollment (the returned challenge). */
export async function acceptInviteAsNewUser(
  deps: AuthDeps,
  input: { token: string; email: string; name: string; password: string },
  caller: Caller,
): Promise<{ challengeToken: string; organizationSlug: string }> {
  const now = nowOf(deps);
  const invite = await liveInvite(deps.db, input.token, now);
  const email = normaliseEmail(input.email);
  if (invite.email && invite.email !== email)
    throw new AuthError("not_allowed", `This invitation is for ${invite.email}.`);
  await assertNewPassword(input.password);
  if (await deps.db.prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AuthError(
      "taken",
      "An account with this email already exists. Sign in, then open the invitation again.",
    );
  }
  const user = await deps.db.prisma.user.create({
    data: { email, name: input.name.trim(), passwordHash: await hashPassword(input.password) },
    select: { id: true, email: true },
  });
  await claim(deps.db, invite.id, user.id, now);
  await join(deps.db, invite, user, caller);
  const challengeToken = await createChallenge(
    deps.db,
    { kind: "enroll", userId: user.id, passwordOk: true, ip: caller.ip },
    now,
  );
  return { challengeToken, organizationSlug: invite.organization.slug };
}

/** Someone signed in already: they join, and get a new session id (their privileges grew). */
export async function acceptInviteAsMember(
  deps: AuthDeps,
  input: { token: string; userId: string; sessionId: string },
  caller: Caller,
): Promise<{ session: NewSession; organizationSlug: string }> {
  const now = nowOf(deps);
  const invite = await liveInvite(deps.db, input.token, now);
  const user = await deps.db.prisma.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { id: true, email: true },
  });
  if (invite.email && invite.email !== user.email)
    throw new AuthError("not_allowed", `This invitation is for ${invite.email}.`);
  const already = await deps.db.prisma.membership.findUnique({
    where: { organizationId_userId: { organizationId: invite.organizationId, userId: user.id } },
  });
  if (already) throw new AuthError("taken", "You are already a member of this organization.");
  await claim(deps.db, invite.id, user.id, now);
  await join(deps.db, invite, user, caller);
  await deps.db.prisma.session.update({ where: { id: input.sessionId }, data: { revokedAt: now } });
  const session = await createSession(deps.db, user.id, caller, now);
  return { session, organizationSlug: invite.organization.slug };
}
