import type { ChallengeKind, Db, LoginChallenge } from "@fleetdeck/db";
import { generateSessionToken, hashToken } from "../session/token";

/** Long enough to open an authenticator app, short enough to be worthless if stolen. */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000;

export async function createChallenge(
  db: Db,
  data: { kind: ChallengeKind; userId: string | null; passwordOk: boolean; ip: string | null },
  now = new Date(),
): Promise<string> {
  const token = generateSessionToken();
  await db.prisma.loginChallenge.create({
    data: {
      ...data,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
      createdAt: now,
    },
  });
  return token;
}

export async function findChallenge(
  db: Db,
  token: string | null,
  kind: ChallengeKind,
  now = new Date(),
): Promise<LoginChallenge | null> {
  if (!token) return null;
  const challenge = await db.prisma.loginChallenge.findUnique({
    where: { tokenHash: hashToken(token) },
  });
  if (!challenge || challenge.kind !== kind || challenge.expiresAt <= now) return null;
  return challenge;
}

/** Counts a wrong code; returns the new count. */
export async function countWrongCode(db: Db, id: string): Promise<number> {
  const updated = await db.prisma.loginChallenge.update({
    where: { id },
    data: { wrongCodes: { increment: 1 } },
    select: { wrongCodes: true },
  });
  return updated.wrongCodes;
}

export async function discardChallenge(db: Db, id: string): Promise<void> {
  await db.prisma.loginChallenge.deleteMany({ where: { id } });
}

export async function pruneChallenges(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.prisma.loginChallenge.deleteMany({
    where: { expiresAt: { lt: now } },
  });
  return count;
}
