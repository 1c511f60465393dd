import type { Db } from "@fleetdeck/db";
import { generateSessionToken, hashToken } from "../session/token";

/** The cookie that marks a browser which has completed a login to an account before. */
export const DEVICE_COOKIE_NAME = "fleetdeck_device";
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 60 * 60;

export async function rememberDevice(db: Db, userId: string): Promise<string> {
  const token = generateSessionToken();
  await db.prisma.knownDevice.create({ data: { userId, tokenHash: hashToken(token) } });
  return token;
}

/** The device id when `token` is a known device of the account with this email. */
export async function findKnownDevice(
  db: Db,
  token: string | null,
  email: string,
): Promise<string | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const device = await db.prisma.knownDevice.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, user: { select: { email: true } } },
  });
  return device && device.user.email === email ? device.id : null;
}
