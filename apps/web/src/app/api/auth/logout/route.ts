import { readSessionCookie, signOut } from "@fleetdeck/auth";
import { z } from "zod";
import { jsonWithCookies, signedOutCookie } from "@/server/auth-cookies";
import { authRoute } from "@/server/auth-route";

export const POST = authRoute(z.object({}), async (_body, ctx) => {
  const token = readSessionCookie(ctx.request.headers.get("cookie"), { secure: ctx.secure });
  if (token) await signOut(ctx.deps.db, token, ctx.caller);
  return jsonWithCookies({ ok: true }, [signedOutCookie(ctx.secure)]);
});
