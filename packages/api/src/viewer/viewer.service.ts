import { hashToken, SESSION_IDLE_MS } from "@fleetdeck/auth";
import type { Db, Role } from "@fleetdeck/db";

export interface ViewerMembership {
  organizationId: string;
  slug: string;
  name: string;
  role: Role;
}

export interface Viewer {
  sessionId: string;
  user: { id: string; email: string; name: string };
  memberships: ViewerMembership[];
}

/** Touching last_used_at on every request would be a write per click; once a minute suffices. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/** Resolves a session cookie's token to the person behind it, or null when it is not valid. */
export async function getViewerBySessionToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<Viewer | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const session = await db.prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          memberships: {
            select: { role: true, organization: { select: { id: true, slug: true, name: true } } },
            orderBy: { organization: { name: "asc" } },
          },
        },
      },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastUsedAt.getTime() > SESSION_IDLE_MS) return null;
  if (now.getTime() - session.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.prisma.session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
  }
  const { user } = session;
  return {
    sessionId: session.id,
    user: { id: user.id, email: user.email, name: user.name },
    memberships: user.memberships.map((m) => ({
      organizationId: m.organization.id,
      slug: m.organization.slug,
      name: m.organization.name,
      role: m.role,
    })),
  };
}
