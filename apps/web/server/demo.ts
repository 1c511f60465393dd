import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  generateTotpSecret,
  hashPassword,
  type Keyring,
  replaceRecoveryCodes,
  seal,
  totpUri,
} from "@fleetdeck/auth";
import type { Db } from "@fleetdeck/db";

export interface DemoLogin {
  email: string;
  password: string;
  totpSecret: string;
  otpauthUri: string;
  recoveryCodes: string[];
}

export interface Demo {
  login: DemoLogin;
  organizationId: string;
  ownerId: string;
}

export const DEMO_ORG_SLUG = "demo";
export const DEMO_OWNER_EMAIL = "owner@demo.fleetdeck.test";

/**
 * The demo organization and its owner, with a password and an enrolled TOTP seed the
 * banner prints (kept in <dataDir>/demo-login.json, mode 600, so later starts can print
 * them again). Re-running changes nothing unless that file was lost.
 */
export async function seedDemo(db: Db, keyring: Keyring, dataDir: string): Promise<Demo> {
  const file = path.join(dataDir, "demo-login.json");
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoLogin) : null;
  const user = await db.prisma.user.findUnique({
    where: { email: DEMO_OWNER_EMAIL },
    select: { id: true },
  });
  const org = await db.prisma.organization.upsert({
    where: { slug: DEMO_ORG_SLUG },
    update: {},
    create: { slug: DEMO_ORG_SLUG, name: "Demo Fleet" },
  });
  if (saved && user) return { login: saved, organizationId: org.id, ownerId: user.id };

  const login = {
    email: DEMO_OWNER_EMAIL,
    password: randomBytes(12).toString("base64url"),
    totpSecret: generateTotpSecret(),
  };
  const data = {
    name: "Demo Owner",
    passwordHash: await hashPassword(login.password),
    totpEnrolledAt: new Date(),
    totpLastStep: null,
  };
  const owner = await db.prisma.user.upsert({
    where: { email: DEMO_OWNER_EMAIL },
    update: data,
    create: { email: DEMO_OWNER_EMAIL, ...data },
    select: { id: true },
  });
  await db.prisma.user.update({
    where: { id: owner.id },
    data: { totpSecret: seal(keyring, login.totpSecret, `totp:${owner.id}`) },
  });
  await db.prisma.membership.upsert({
    where: { organizationId_userId: { organizationId: org.id, userId: owner.id } },
    update: { role: "owner" },
    create: { organizationId: org.id, userId: owner.id, role: "owner" },
  });
  const recoveryCodes = await replaceRecoveryCodes({ db, keyring }, owner.id);
  const demo: DemoLogin = {
    ...login,
    otpauthUri: totpUri(DEMO_OWNER_EMAIL, login.totpSecret),
    recoveryCodes,
  };
  writeFileSync(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  return { login: demo, organizationId: org.id, ownerId: owner.id };
}
