import { regenerateRecoveryCodes } from "@fleetdeck/auth";
import { z } from "zod";
import { authRoute, jsonError } from "@/server/auth-route";
import { codeSchema, passwordSchema } from "@/server/auth-schemas";
import { signedInFrom } from "@/server/signed-in";

export const POST = authRoute(
  z.object({ password: passwordSchema, code: codeSchema }),
  async (body, ctx) => {
    const who = await signedInFrom(ctx);
    if (!who) return jsonError(401, "signed_out", "Sign in to continue.");
    const recoveryCodes = await regenerateRecoveryCodes(ctx.deps, who, body, ctx.caller);
    return Response.json({ recoveryCodes }, { headers: { "cache-control": "no-store" } });
  },
);
