import { completeLogin, DEVICE_COOKIE_NAME } from "@fleetdeck/auth";
import {
  CHALLENGE_COOKIE,
  clearChallengeCookie,
  deviceCookie,
  jsonWithCookies,
  sessionCookie,
} from "@/server/auth-cookies";
import { authRoute } from "@/server/auth-route";
import { secondFactorSchema } from "@/server/auth-schemas";

export const POST = authRoute(secondFactorSchema, async (factor, ctx) => {
  const done = await completeLogin(
    ctx.deps,
    {
      challengeToken: ctx.cookies.get(CHALLENGE_COOKIE) ?? null,
      factor,
      deviceToken: ctx.cookies.get(DEVICE_COOKIE_NAME) ?? null,
    },
    ctx.caller,
  );
  return jsonWithCookies({ ok: true, recoveryCodesLeft: done.recoveryCodesLeft }, [
    sessionCookie(done.session, ctx.secure),
    deviceCookie(done.deviceToken, ctx.secure),
    clearChallengeCookie(ctx.secure),
  ]);
});
