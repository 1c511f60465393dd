import { createSession, hashPassword } from "@fleetdeck/auth";
import type { Db, Role } from "@fleetdeck/db";

let dummyHash: Promise<string> | undefined;

/** A member of `slug` (created if new) with a live session; no TOTP needed for API tests. */
export async function memberOf(
  db: Db,
  slug: string,
  role: Role,
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@${slug}.test`,
) {
  dummyHash ??= hashPassword("not used in these tests");
  const org = await db.prisma.organization.upsert({
    where: { slug },
    update: {},
    create: { slug, name: slug.toUpperCase() },
  });
  const user = await db.prisma.user.create({
    data: { email, name: email.split("@")[0] ?? email, passwordHash: await dummyHash },
  });
  await db.prisma.membership.create({ data: { organizationId: org.id, userId: user.id, role } });
  const session = await createSession(db, user.id, { ip: "192.0.2.10", userAgent: "vitest" });
  return { orgId: org.id, slug, userId: user.id, email, token: session.token };
}
