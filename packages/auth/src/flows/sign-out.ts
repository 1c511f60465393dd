import { type Db, recordAudit } from "@fleetdeck/db";
import { hashToken } from "../session/token";
import type { RequestInfo } from "../store/sessions";

/** Ends the session behind `token` and writes it down. */
export async function signOut(db: Db, token: string, caller: RequestInfo): Promise<void> {
  const session = await db.prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, user: { select: { id: true, email: true } } },
  });
  if (!session || session.revokedAt) return;
  await db.prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
  await recordAudit(db.prisma, {
    actorUserId: session.user.id,
    actorLabel: session.user.email,
    action: "auth.logout",
    targetType: "session",
    targetId: session.id,
    ip: caller.ip,
    userAgent: caller.userAgent,
  });
}
