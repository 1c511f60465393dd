import { changePassword } from "@fleetdeck/auth";
import { z } from "zod";
import { jsonWithCookies, sessionCookie } from "@/server/auth-cookies";
import { authRoute, jsonError } from "@/server/auth-route";
import { passwordSchema } from "@/server/auth-schemas";
import { signedInFrom } from "@/server/signed-in";

const input = z.object({ currentPassword: passwordSchema, newPassword: z.string().max(1024) });

/** Ends every session (this browser gets a fresh one). */
export const POST = authRoute(input, async (body, ctx) => {
  const who = await signedInFrom(ctx);
  if (!who) return jsonError(401, "signed_out", "Sign in to continue.");
  const session = await changePassword(ctx.deps, who, body, ctx.caller);
  return jsonWithCookies({ ok: true }, [sessionCookie(session, ctx.secure)]);
});
