import { recordAudit } from "@fleetdeck/db";
import { AuthError } from "../errors";
import { hashPassword } from "../password/hash";
import { checkPasswordPolicy } from "../password/policy";
import { createChallenge } from "../store/challenges";
import { type AuthDeps, type Caller, normaliseEmail, nowOf } from "./deps";

export interface SignUpInput {
  email: string;
  name: string;
  password: string;
  organizationName: string;
}

/** A URL-safe organization slug from its name, made unique with a short suffix if needed. */
export async function uniqueSlug(deps: AuthDeps, name: string): Promise<string> {
  const base =
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "org";
  for (let i = 0; i < 20; i++) {
    const slug = i === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 6)}`;
    const taken = await deps.db.prisma.organization.findUnique({
      where: { slug },
      select: { id: true },
    });
    if (!taken) return slug;
  }
  throw new AuthError(
    "taken",
    "Could not find a free address for this organization; try another name.",
  );
}

export async function assertNewPassword(password: string): Promise<void> {
  const verdict = checkPasswordPolicy(password);
  if (!verdict.ok) throw new AuthError("weak_password", verdict.reason);
}

/**
 * A new person with a new organization they own. No session yet: TOTP enrollment is
 * mandatory and comes next (the returned challenge).
 */
export async function signUp(
  deps: AuthDeps,
  input: SignUpInput,
  caller: Caller,
): Promise<{ challengeToken: string; organizationSlug: string }> {
  const email = normaliseEmail(input.email);
  await assertNewPassword(input.password);
  const existing = await deps.db.prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing)
    throw new AuthError("taken", "An account with this email already exists. Sign in instead.");
  const passwordHash = await hashPassword(input.password);
  const slug = await uniqueSlug(deps, input.organizationName);
  const { user, org } = await deps.db.prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, name: input.name.trim(), passwordHash },
      select: { id: true },
    });
    const org = await tx.organization.create({
      data: { slug, name: input.organizationName.trim() },
      select: { id: true, slug: true },
    });
    await tx.membership.create({
      data: { organizationId: org.id, userId: user.id, role: "owner" },
    });
    await recordAudit(tx, {
      organizationId: org.id,
      actorUserId: user.id,
      actorLabel: email,
      action: "org.created",
      targetType: "organization",
      targetId: org.id,
      ip: caller.ip,
      userAgent: caller.userAgent,
      details: { via: "signup" },
    });
    return { user, org };
  });
  const challengeToken = await createChallenge(
    deps.db,
    { kind: "enroll", userId: user.id, passwordOk: true, ip: caller.ip },
    nowOf(deps),
  );
  return { challengeToken, organizationSlug: org.slug };
}
