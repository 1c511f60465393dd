import { completeEnrollment } from "@fleetdeck/auth";
import { z } from "zod";
import {
  CHALLENGE_COOKIE,
  clearChallengeCookie,
  deviceCookie,
  jsonWithCookies,
  sessionCookie,
} from "@/server/auth-cookies";
import { authRoute } from "@/server/auth-route";
import { codeSchema } from "@/server/auth-schemas";

export const POST = authRoute(z.object({ code: codeSchema }), async ({ code }, ctx) => {
  const done = await completeEnrollment(
    ctx.deps,
    { challengeToken: ctx.cookies.get(CHALLENGE_COOKIE) ?? null, code },
    ctx.caller,
  );
  return jsonWithCookies({ recoveryCodes: done.recoveryCodes }, [
    sessionCookie(done.session, ctx.secure),
    deviceCookie(done.deviceToken, ctx.secure),
    clearChallengeCookie(ctx.secure),
  ]);
});
