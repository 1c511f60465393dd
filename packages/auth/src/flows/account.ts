import { recordAudit } from "@fleetdeck/db";
import { AuthError, invalid, throttled } from "../errors";
import { hashPassword } from "../password/hash";
import { createChallenge } from "../store/challenges";
import { checkThrottle, recordFailure } from "../store/failures";
import { createSession, type NewSession, revokeSessions } from "../store/sessions";
import {
  checkUserPassword,
  consumeSecondFactor,
  replaceRecoveryCodes,
  type SecondFactor,
} from "./credentials";
import { type AuthDeps, type Caller, nowOf } from "./deps";
import { assertNewPassword } from "./signup";

export interface SignedIn {
  userId: string;
  email: string;
  sessionId: string;
}

/**
 * Re-checks the password (and a second factor when given) of someone already signed in,
 * before a sensitive change. Failures count like login failures and read the same.
 */
async function reauthenticate(
  deps: AuthDeps,
  who: SignedIn,
  caller: Caller,
  password: string,
  factor?: SecondFactor,
) {
  const source = { account: who.email, ip: caller.ip, deviceId: null };
  const decision = await checkThrottle(deps.db, "password", source, nowOf(deps));
  if (!decision.allowed) throw throttled(decision.retryAfterMs);
  const passwordOk = await checkUserPassword(deps, who.userId, password);
  const factorOk =
    factor === undefined ||
    (passwordOk && (await consumeSecondFactor(deps, who.userId, factor)) !== null);
  if (!passwordOk || !factorOk) {
    await recordFailure(deps.db, passwordOk ? "totp" : "password", source, nowOf(deps));
    throw invalid();
  }
}

async function audit(deps: AuthDeps, who: SignedIn, caller: Caller, action: string) {
  await recordAudit(deps.db.prisma, {
    actorUserId: who.userId,
    actorLabel: who.email,
    action,
    targetType: "user",
    targetId: who.userId,
    ip: caller.ip,
    userAgent: caller.userAgent,
  });
}

/** New password; every session ends and this browser gets a fresh one. */
export async function changePassword(
  deps: AuthDeps,
  who: SignedIn,
  input: { currentPassword: string; newPassword: string },
  caller: Caller,
): Promise<NewSession> {
  await reauthenticate(deps, who, caller, input.currentPassword);
  await assertNewPassword(input.newPassword);
  if (input.currentPassword === input.newPassword)
    throw new AuthError("weak_password", "Choose a password different from the current one.");
  await deps.db.prisma.user.update({
    where: { id: who.userId },
    data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: nowOf(deps) },
  });
  await revokeSessions(deps.db, who.userId);
  await audit(deps, who, caller, "auth.password.changed");
  return createSession(deps.db, who.userId, caller, nowOf(deps));
}

/** Ten new recovery codes (the old ones stop working); needs the password and a TOTP code. */
export async function regenerateRecoveryCodes(
  deps: AuthDeps,
  who: SignedIn,
  input: { password: string; code: string },
  caller: Caller,
): Promise<string[]> {
  await reauthenticate(deps, who, caller, input.password, { code: input.code });
  const codes = await replaceRecoveryCodes(deps, who.userId);
  await audit(deps, who, caller, "auth.recovery_codes.regenerated");
  return codes;
}

/**
 * Moving TOTP to a new phone: the password plus a current code or a recovery code opens
 * an enrollment challenge; the old authenticator works until the new one is proven.
 */
export async function beginTotpMove(
  deps: AuthDeps,
  who: SignedIn,
  input: { password: string; factor: SecondFactor },
  caller: Caller,
): Promise<string> {
  await reauthenticate(deps, who, caller, input.password, input.factor);
  await audit(deps, who, caller, "auth.totp.move_started");
  return createChallenge(
    deps.db,
    { kind: "enroll", userId: who.userId, passwordOk: true, ip: caller.ip },
    nowOf(deps),
  );
}
