import { beginLogin, DEVICE_COOKIE_NAME } from "@fleetdeck/auth";
import { z } from "zod";
import { challengeCookie, jsonWithCookies } from "@/server/auth-cookies";
import { authRoute } from "@/server/auth-route";
import { emailSchema, passwordSchema } from "@/server/auth-schemas";

const input = z.object({ email: emailSchema, password: passwordSchema });

export const POST = authRoute(input, async (body, ctx) => {
  const result = await beginLogin(
    ctx.deps,
    { ...body, deviceToken: ctx.cookies.get(DEVICE_COOKIE_NAME) ?? null },
    ctx.caller,
  );
  return jsonWithCookies({ next: result.next }, [
    challengeCookie(result.challengeToken, ctx.secure),
  ]);
});
