import type { Db } from "@fleetdeck/db";
import { generateSessionToken, hashToken } from "../session/token";

/** A session lives at most this long, however active. */
export const SESSION_ABSOLUTE_MS = 14 * 24 * 60 * 60 * 1000;
/** …and ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface NewSession {
  id: string;
  token: string;
  expiresAt: Date;
}

/** A fresh session id and token: after every login and every change of privilege. */
export async function createSession(
  db: Db,
  userId: string,
  request: RequestInfo,
  now = new Date(),
): Promise<NewSession> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const session = await db.prisma.session.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      ip: request.ip,
      userAgent: request.userAgent?.slice(0, 400) ?? null,
      createdAt: now,
      lastUsedAt: now,
      expiresAt,
    },
    select: { id: true },
  });
  return { id: session.id, token, expiresAt };
}

/** Ends every live session of a user, optionally but one; returns how many ended. */
export async function revokeSessions(
  db: Db,
  userId: string,
  options: { except?: string } = {},
): Promise<number> {
  const { count } = await db.prisma.session.updateMany({
    where: { userId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** Ends one session, only if it belongs to `userId`. */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.prisma.session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

export async function revokeSessionByToken(db: Db, token: string): Promise<void> {
  await db.prisma.session.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export interface ActiveSession {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastUsedAt: Date;
}

export async function listActiveSessions(
  db: Db,
  userId: string,
  now = new Date(),
): Promise<ActiveSession[]> {
  return db.prisma.session.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastUsedAt: { gt: new Date(now.getTime() - SESSION_IDLE_MS) },
    },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastUsedAt: true },
    orderBy: { lastUsedAt: "desc" },
  });
}
