import { recordAudit } from "@fleetdeck/db";
import { AuthError, invalid, throttled } from "../errors";
import { verifyPassword } from "../password/hash";
import { challengeSpent } from "../throttle/policy";
import {
  countWrongCode,
  createChallenge,
  discardChallenge,
  findChallenge,
} from "../store/challenges";
import { findKnownDevice, rememberDevice } from "../store/devices";
import {
  type AttemptSource,
  checkThrottle,
  clearAccountFailures,
  recordFailure,
} from "../store/failures";
import { createSession, type NewSession } from "../store/sessions";
import { consumeSecondFactor, remainingRecoveryCodes, type SecondFactor } from "./credentials";
import { type AuthDeps, type Caller, normaliseEmail, nowOf } from "./deps";

export interface BeginLoginResult {
  challengeToken: string;
  /** "verify": ask for a code. "enroll": this account has no TOTP yet; set it up. */
  next: "verify" | "enroll";
}

/**
 * Step one: email and password. A wrong password still gets a challenge, so the code
 * step looks the same whether the password was right or not; the verdict comes at the
 * end, in one message.
 */
export async function beginLogin(
  deps: AuthDeps,
  input: { email: string; password: string; deviceToken: string | null },
  caller: Caller,
): Promise<BeginLoginResult> {
  const now = nowOf(deps);
  const email = normaliseEmail(input.email);
  const source: AttemptSource = {
    account: email,
    ip: caller.ip,
    deviceId: await findKnownDevice(deps.db, input.deviceToken, email),
  };
  const decision = await checkThrottle(deps.db, "password", source, now);
  if (!decision.allowed) throw throttled(decision.retryAfterMs);

  const user = await deps.db.prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, totpEnrolledAt: true },
  });
  // Unknown emails cost a dummy hash too, so timing does not tell them apart.
  const passwordOk =
    (await verifyPassword(user?.passwordHash ?? null, input.password)) && user !== null;
  if (!passwordOk) {
    await recordFailure(deps.db, "password", source, now);
    await recordAudit(deps.db.prisma, {
      actorUserId: user?.id ?? null,
      actorLabel: email,
      action: "auth.login.failed",
      ip: caller.ip,
      userAgent: caller.userAgent,
      details: { factor: "password" },
    });
  }
  const enroll = passwordOk && user?.totpEnrolledAt === null;
  const challengeToken = await createChallenge(
    deps.db,
    { kind: enroll ? "enroll" : "verify", userId: user?.id ?? null, passwordOk, ip: caller.ip },
    now,
  );
  return { challengeToken, next: enroll ? "enroll" : "verify" };
}

export interface CompletedLogin {
  session: NewSession;
  userId: string;
  /** Set a device cookie with this, so this browser is never locked out by others' failures. */
  deviceToken: string;
  /** When a recovery code was used: how many are left. */
  recoveryCodesLeft: number | null;
}

/** Step two: a TOTP code or a recovery code. Any failure reads the same. */
export async function completeLogin(
  deps: AuthDeps,
  input: { challengeToken: string | null; factor: SecondFactor; deviceToken: string | null },
  caller: Caller,
): Promise<CompletedLogin> {
  const now = nowOf(deps);
  const challenge = await findChallenge(deps.db, input.challengeToken, "verify", now);
  if (!challenge) throw new AuthError("expired", "This sign-in has expired. Start again.");
  const user = challenge.userId
    ? await deps.db.prisma.user.findUnique({
        where: { id: challenge.userId },
        select: { id: true, email: true },
      })
    : null;
  const email = user?.email ?? "";
  const source: AttemptSource = {
    account: email,
    ip: caller.ip,
    deviceId: await findKnownDevice(deps.db, input.deviceToken, email),
  };
  const decision = await checkThrottle(deps.db, "totp", source, now);
  if (!decision.allowed) throw throttled(decision.retryAfterMs);

  const used =
    challenge.passwordOk && user ? await consumeSecondFactor(deps, user.id, input.factor) : null;
  if (!user || !used) {
    if (challenge.passwordOk) await recordFailure(deps.db, "totp", source, now);
    const wrong = await countWrongCode(deps.db, challenge.id);
    if (challenge.passwordOk) {
      await recordAudit(deps.db.prisma, {
        actorUserId: user?.id,
        actorLabel: email,
        action: "auth.login.failed",
        ip: caller.ip,
        userAgent: caller.userAgent,
        details: {
          factor: "recoveryCode" in input.factor ? "recovery_code" : "totp",
          attempt: wrong,
        },
      });
    }
    if (challengeSpent(wrong)) {
      await discardChallenge(deps.db, challenge.id);
      throw new AuthError("expired", "Too many failed attempts. Start the sign-in again.");
    }
    throw invalid();
  }

  await discardChallenge(deps.db, challenge.id);
  await clearAccountFailures(deps.db, email);
  const session = await createSession(deps.db, user.id, caller, now);
  const deviceToken = await rememberDevice(deps.db, user.id);
  const recoveryCodesLeft =
    used === "recovery" ? await remainingRecoveryCodes(deps, user.id) : null;
  await recordAudit(deps.db.prisma, {
    actorUserId: user.id,
    actorLabel: email,
    action: used === "recovery" ? "auth.login.recovery_code_used" : "auth.login.succeeded",
    targetType: "session",
    targetId: session.id,
    ip: caller.ip,
    userAgent: caller.userAgent,
    details: recoveryCodesLeft === null ? {} : { recoveryCodesLeft },
  });
  return { session, userId: user.id, deviceToken, recoveryCodesLeft };
}
