import type { AuthFactor, Db } from "@fleetdeck/db";
import { combineDecisions, decide, RULES, type ThrottleDecision } from "../throttle/policy";

export interface AttemptSource {
  /** The account attempted, lower-cased; known or not. */
  account: string;
  ip: string;
  /** A known device of this account, when the browser presented one. */
  deviceId: string | null;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Whether one more attempt at `factor` may be made now. The account's list is replaced
 * by the device's own when a known device asks, so an attacker's failures against the
 * account never slow the owner's browser; the IP list applies to everyone.
 */
export async function checkThrottle(
  db: Db,
  factor: AuthFactor,
  source: AttemptSource,
  now = new Date(),
): Promise<ThrottleDecision> {
  const since = new Date(now.getTime() - HOUR_MS);
  const rule = RULES[factor];
  const [accountRows, ipRows] = await Promise.all([
    db.prisma.authFailure.findMany({
      where: source.deviceId
        ? { factor, deviceId: source.deviceId, createdAt: { gt: since } }
        : { factor, account: source.account, deviceId: null, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: rule.maxFailures + 1,
    }),
    db.prisma.authFailure.findMany({
      where: { factor, ip: source.ip, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      // One office shares an IP: its cap is ten accounts' worth.
      take: rule.maxFailures * 10 + 1,
    }),
  ]);
  return combineDecisions(
    decide({ failures: accountRows.map((r) => r.createdAt), now, rule }),
    decide({
      failures: ipRows.map((r) => r.createdAt),
      now,
      rule: { ...rule, maxFailures: rule.maxFailures * 10 },
    }),
  );
}

export async function recordFailure(
  db: Db,
  factor: AuthFactor,
  source: AttemptSource,
  now = new Date(),
): Promise<void> {
  await db.prisma.authFailure.create({
    data: {
      factor,
      account: source.account,
      ip: source.ip,
      deviceId: source.deviceId,
      createdAt: now,
    },
  });
}

/** After a full login: the account starts afresh (IP lists only age out). */
export async function clearAccountFailures(db: Db, account: string): Promise<void> {
  await db.prisma.authFailure.deleteMany({ where: { account } });
}

/** Housekeeping: rows older than the window count for nothing. */
export async function pruneFailures(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.prisma.authFailure.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - HOUR_MS) } },
  });
  return count;
}
