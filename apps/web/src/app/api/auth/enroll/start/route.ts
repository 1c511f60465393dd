import { getEnrollment } from "@fleetdeck/auth";
import { z } from "zod";
import { CHALLENGE_COOKIE } from "@/server/auth-cookies";
import { authRoute } from "@/server/auth-route";

/** The QR code, seed and URI for the pending enrollment (a POST: it creates the seed). */
export const POST = authRoute(z.object({}), async (_body, ctx) => {
  const view = await getEnrollment(ctx.deps, ctx.cookies.get(CHALLENGE_COOKIE) ?? null);
  return Response.json(view, { headers: { "cache-control": "no-store" } });
});
