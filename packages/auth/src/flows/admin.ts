import { recordAudit } from "@fleetdeck/db";
import { revokeSessions } from "../store/sessions";
import type { AuthDeps } from "./deps";

/**
 * An admin's reset of a member's TOTP (a lost phone): the seed and recovery codes go,
 * every session ends, and the next login must enroll again. The last accepted step is
 * kept, so no code from before the reset can ever be replayed.
 */
export async function resetMemberTotp(
  deps: AuthDeps,
  input: {
    organizationId: string;
    targetUserId: string;
    actor: { userId: string; email: string };
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await deps.db.prisma.$transaction([
    deps.db.prisma.user.update({
      where: { id: input.targetUserId },
      data: { totpSecret: null, totpEnrolledAt: null },
    }),
    deps.db.prisma.recoveryCode.deleteMany({ where: { userId: input.targetUserId } }),
  ]);
  const revoked = await revokeSessions(deps.db, input.targetUserId);
  await recordAudit(deps.db.prisma, {
    organizationId: input.organizationId,
    actorUserId: input.actor.userId,
    actorLabel: input.actor.email,
    action: "member.totp_reset",
    targetType: "user",
    targetId: input.targetUserId,
    ip: input.ip,
    userAgent: input.userAgent,
    details: { sessionsRevoked: revoked },
  });
}
