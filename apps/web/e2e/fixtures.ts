import { createSession, DEV_SESSION_COOKIE_NAME, hashPassword } from "@fleetdeck/auth";
import type { Db, Role } from "@fleetdeck/db";

/** The session cookie's name on the plain-http test server. */
export const SESSION_COOKIE = DEV_SESSION_COOKIE_NAME;

export interface SeededUser {
  userId: string;
  email: string;
  sessionToken: string;
  orgs: { id: string; slug: string; name: string }[];
}

/**
 * A person with memberships and a live session, written straight to the database: for
 * tests about what a signed-in user sees, not about signing in.
 */
export async function seedSignedInUser(
  db: Db,
  options: { email: string; name?: string; orgs: { slug: string; name: string; role: Role }[] },
): Promise<SeededUser> {
  const user = await db.prisma.user.create({
    data: {
      email: options.email,
      name: options.name ?? "Test User",
      passwordHash: await hashPassword("a password nobody types"),
    },
  });
  const orgs = [];
  for (const org of options.orgs) {
    const created = await db.prisma.organization.upsert({
      where: { slug: org.slug },
      update: {},
      create: { slug: org.slug, name: org.name },
    });
    await db.prisma.membership.create({
      data: { organizationId: created.id, userId: user.id, role: org.role },
    });
    orgs.push({ id: created.id, slug: created.slug, name: created.name });
  }
  const session = await createSession(db, user.id, { ip: "127.0.0.1", userAgent: "fixture" });
  return { userId: user.id, email: options.email, sessionToken: session.token, orgs };
}
