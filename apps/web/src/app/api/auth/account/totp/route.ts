import { beginTotpMove } from "@fleetdeck/auth";
import { z } from "zod";
import { challengeCookie, jsonWithCookies } from "@/server/auth-cookies";
import { authRoute, jsonError } from "@/server/auth-route";
import { codeSchema, passwordSchema, recoveryCodeSchema } from "@/server/auth-schemas";
import { signedInFrom } from "@/server/signed-in";

const input = z.union([
  z.object({ password: passwordSchema, code: codeSchema }),
  z.object({ password: passwordSchema, recoveryCode: recoveryCodeSchema }),
]);

/** Moving TOTP to a new device starts an enrollment; the old app works until it completes. */
export const POST = authRoute(input, async (body, ctx) => {
  const who = await signedInFrom(ctx);
  if (!who) return jsonError(401, "signed_out", "Sign in to continue.");
  const factor = "code" in body ? { code: body.code } : { recoveryCode: body.recoveryCode };
  const token = await beginTotpMove(ctx.deps, who, { password: body.password, factor }, ctx.caller);
  return jsonWithCookies({ next: "enroll" }, [challengeCookie(token, ctx.secure)]);
});
