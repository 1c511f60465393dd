import { open } from "../crypto/secret-box";
import { verifyPassword } from "../password/hash";
import {
  hashRecoveryCode,
  matchRecoveryCode,
  RECOVERY_CODE_COUNT,
  generateRecoveryCodes,
} from "../recovery/codes";
import { verifyTotp } from "../totp/totp";
import { type AuthDeps, nowOf, totpContext } from "./deps";

/**
 * Checks a TOTP code for a user and consumes its step atomically: of two requests with
 * the same code, exactly one wins, and no step at or before the last accepted one works.
 */
export async function consumeTotp(deps: AuthDeps, userId: string, code: string): Promise<boolean> {
  const user = await deps.db.prisma.user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpLastStep: true },
  });
  if (!user?.totpSecret) return false;
  const secret = open(deps.keyring, user.totpSecret, totpContext(userId));
  const result = await verifyTotp({
    secret,
    code,
    now: nowOf(deps),
    lastAcceptedStep: user.totpLastStep,
  });
  if (!result.ok) return false;
  const { count } = await deps.db.prisma.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: result.step } }] },
    data: { totpLastStep: result.step },
  });
  return count === 1;
}

/** Uses up one recovery code; false when none matches an unused one. */
export async function consumeRecoveryCode(
  deps: AuthDeps,
  userId: string,
  input: string,
): Promise<boolean> {
  const codes = await deps.db.prisma.recoveryCode.findMany({
    where: { userId, usedAt: null },
    select: { id: true, codeHash: true },
  });
  const index = matchRecoveryCode(
    input,
    codes.map((c) => c.codeHash),
  );
  const match = codes[index];
  if (!match) return false;
  const { count } = await deps.db.prisma.recoveryCode.updateMany({
    where: { id: match.id, usedAt: null },
    data: { usedAt: nowOf(deps) },
  });
  return count === 1;
}

export async function remainingRecoveryCodes(deps: AuthDeps, userId: string): Promise<number> {
  return deps.db.prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** A second factor as the person typed it: six digits, or a recovery code. */
export type SecondFactor = { code: string } | { recoveryCode: string };

export async function consumeSecondFactor(
  deps: AuthDeps,
  userId: string,
  factor: SecondFactor,
): Promise<"totp" | "recovery" | null> {
  if ("code" in factor) return (await consumeTotp(deps, userId, factor.code)) ? "totp" : null;
  return (await consumeRecoveryCode(deps, userId, factor.recoveryCode)) ? "recovery" : null;
}

export async function checkUserPassword(
  deps: AuthDeps,
  userId: string,
  password: string,
): Promise<boolean> {
  const user = await deps.db.prisma.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true },
  });
  return verifyPassword(user?.passwordHash ?? null, password);
}

/** Replaces a user's recovery codes with ten new ones and returns them (shown once). */
export async function replaceRecoveryCodes(deps: AuthDeps, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
  await deps.db.prisma.$transaction([
    deps.db.prisma.recoveryCode.deleteMany({ where: { userId } }),
    deps.db.prisma.recoveryCode.createMany({
      data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })),
    }),
  ]);
  return codes;
}
