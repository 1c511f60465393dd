import type { Db } from "@fleetdeck/db";
import { parseKeyring } from "../crypto/secret-box";
import { getEnrollment, completeEnrollment } from "./enroll";
import { signUp } from "./signup";
import type { AuthDeps, Caller } from "./deps";

export const testCaller: Caller = { ip: "198.51.100.7", userAgent: "vitest" };

/** Deps with a keyring and a clock the test can move. */
export function testDeps(db: Db, start = new Date("2026-11-27T10:00:00Z")) {
  let now = start;
  const deps: AuthDeps & { advance(ms: number): void } = {
    db,
    keyring: parseKeyring(`t1:${Buffer.alloc(32, 7).toString("base64")}`),
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
  return deps;
}

/** A fully enrolled person: signed up, TOTP proven, recovery codes in hand. */
export async function enrolledUser(
  deps: ReturnType<typeof testDeps>,
  email = "ada@example.com",
  password = "correct horse battery staple",
) {
  const { totpAt } = await import("../totp/totp");
  const { challengeToken, organizationSlug } = await signUp(
    deps,
    { email, name: "Ada", password, organizationName: "Acme" },
    testCaller,
  );
  const view = await getEnrollment(deps, challengeToken);
  const code = await totpAt(view.secret, deps.now?.() ?? new Date());
  const done = await completeEnrollment(deps, { challengeToken, code }, testCaller);
  // The enrollment code's step is spent; the next code is a step later.
  deps.advance(30_000);
  return {
    email,
    password,
    secret: view.secret,
    recoveryCodes: done.recoveryCodes ?? [],
    userId: done.userId,
    organizationSlug,
    session: done.session,
  };
}
