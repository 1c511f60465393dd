import { recordAudit } from "@fleetdeck/db";
import { open, seal } from "../crypto/secret-box";
import { AuthError, invalid } from "../errors";
import { countWrongCode, discardChallenge, findChallenge } from "../store/challenges";
import { rememberDevice } from "../store/devices";
import { createSession, type NewSession, revokeSessions } from "../store/sessions";
import { challengeSpent } from "../throttle/policy";
import { generateTotpSecret, verifyTotp } from "../totp/totp";
import { totpQrSvg, totpUri } from "../totp/uri";
import { replaceRecoveryCodes } from "./credentials";
import { type AuthDeps, type Caller, nowOf, totpContext } from "./deps";

export interface EnrollmentView {
  email: string;
  /** Base32, for typing into an app by hand. */
  secret: string;
  otpauthUri: string;
  /** Drawn here, never by a third-party service: the seed must not leave the server. */
  qrSvg: string;
  /** True when replacing an existing authenticator (the old one works until this completes). */
  replacing: boolean;
}

async function enrollChallenge(deps: AuthDeps, token: string | null) {
  const challenge = await findChallenge(deps.db, token, "enroll", nowOf(deps));
  if (!challenge?.userId || !challenge.passwordOk)
    throw new AuthError("expired", "This setup link has expired. Sign in again.");
  const user = await deps.db.prisma.user.findUniqueOrThrow({
    where: { id: challenge.userId },
    select: { id: true, email: true, totpEnrolledAt: true },
  });
  return { challenge, user };
}

/** The new seed for the person to add to their app; made once per challenge. */
export async function getEnrollment(
  deps: AuthDeps,
  challengeToken: string | null,
): Promise<EnrollmentView> {
  const { challenge, user } = await enrollChallenge(deps, challengeToken);
  let secret: string;
  if (challenge.pendingSecret) {
    secret = open(deps.keyring, challenge.pendingSecret, totpContext(user.id));
  } else {
    secret = generateTotpSecret();
    await deps.db.prisma.loginChallenge.update({
      where: { id: challenge.id },
      data: { pendingSecret: seal(deps.keyring, secret, totpContext(user.id)) },
    });
  }
  const otpauthUri = totpUri(user.email, secret);
  return {
    email: user.email,
    secret,
    otpauthUri,
    qrSvg: await totpQrSvg(otpauthUri),
    replacing: user.totpEnrolledAt !== null,
  };
}

export interface CompletedEnrollment {
  session: NewSession;
  userId: string;
  deviceToken: string;
  /** Ten new codes when this was a first enrollment or a reset; null when moving devices. */
  recoveryCodes: string[] | null;
}

/**
 * The person proves the new seed with a code. Its step is recorded at once, so that very
 * code cannot then sign anyone in. Every other session ends: the second factor changed.
 */
export async function completeEnrollment(
  deps: AuthDeps,
  input: { challengeToken: string | null; code: string },
  caller: Caller,
): Promise<CompletedEnrollment> {
  const now = nowOf(deps);
  const { challenge, user } = await enrollChallenge(deps, input.challengeToken);
  if (!challenge.pendingSecret)
    throw new AuthError("expired", "Open the setup page again to get a QR code.");
  const secret = open(deps.keyring, challenge.pendingSecret, totpContext(user.id));
  const result = await verifyTotp({ secret, code: input.code, now, lastAcceptedStep: null });
  if (!result.ok) {
    if (challengeSpent(await countWrongCode(deps.db, challenge.id))) {
      await discardChallenge(deps.db, challenge.id);
      throw new AuthError("expired", "Too many wrong codes. Sign in again to restart the setup.");
    }
    throw invalid();
  }
  const firstTime = user.totpEnrolledAt === null;
  await deps.db.prisma.user.update({
    where: { id: user.id },
    data: { totpSecret: challenge.pendingSecret, totpEnrolledAt: now, totpLastStep: result.step },
  });
  await discardChallenge(deps.db, challenge.id);
  const recoveryCodes = firstTime ? await replaceRecoveryCodes(deps, user.id) : null;
  await revokeSessions(deps.db, user.id);
  const session = await createSession(deps.db, user.id, caller, now);
  const deviceToken = await rememberDevice(deps.db, user.id);
  await recordAudit(deps.db.prisma, {
    actorUserId: user.id,
    actorLabel: user.email,
    action: firstTime ? "auth.totp.enrolled" : "auth.totp.moved",
    targetType: "user",
    targetId: user.id,
    ip: caller.ip,
    userAgent: caller.userAgent,
  });
  return { session, userId: user.id, deviceToken, recoveryCodes };
}
