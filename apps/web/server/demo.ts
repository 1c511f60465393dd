import type { Db } from "@fleetdeck/db";

export interface DemoLogin {
  email: string;
  password?: string;
  totpSecret?: string;
  otpauthUri?: string;
}

export const DEMO_ORG_SLUG = "demo";
export const DEMO_OWNER_EMAIL = "owner@demo.fleetdeck.test";

/** A demo organization with its owner, created once; later starts reuse it. */
export async function seedDemo(db: Db, _dataDir: string): Promise<DemoLogin> {
  const user = await db.prisma.user.upsert({
    where: { email: DEMO_OWNER_EMAIL },
    update: {},
    create: { email: DEMO_OWNER_EMAIL, name: "Demo Owner" },
  });
  const org = await db.prisma.organization.upsert({
    where: { slug: DEMO_ORG_SLUG },
    update: {},
    create: { slug: DEMO_ORG_SLUG, name: "Demo Fleet" },
  });
  await db.prisma.membership.upsert({
    where: { organizationId_userId: { organizationId: org.id, userId: user.id } },
    update: {},
    create: { organizationId: org.id, userId: user.id, role: "owner" },
  });
  return { email: DEMO_OWNER_EMAIL };
}
