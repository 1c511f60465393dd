import { acceptInviteAsMember, acceptInviteAsNewUser, readSessionCookie } from "@fleetdeck/auth";
import { getViewerBySessionToken } from "@fleetdeck/api";
import { z } from "zod";
import { challengeCookie, jsonWithCookies, sessionCookie } from "@/server/auth-cookies";
import { authRoute, jsonError } from "@/server/auth-route";
import { emailSchema, nameSchema } from "@/server/auth-schemas";

const input = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is incomplete."),
  email: emailSchema.optional(),
  name: nameSchema.optional(),
  password: z.string().max(1024).optional(),
});

/** Signed in: join at once. Otherwise: a new account, then TOTP enrollment. */
export const POST = authRoute(input, async (body, ctx) => {
  const token = readSessionCookie(ctx.request.headers.get("cookie"), { secure: ctx.secure });
  const viewer = token ? await getViewerBySessionToken(ctx.deps.db, token) : null;
  if (viewer) {
    const joined = await acceptInviteAsMember(
      ctx.deps,
      { token: body.token, userId: viewer.user.id, sessionId: viewer.sessionId },
      ctx.caller,
    );
    return jsonWithCookies({ next: "dashboard", organizationSlug: joined.organizationSlug }, [
      sessionCookie(joined.session, ctx.secure),
    ]);
  }
  if (!body.email || !body.name || !body.password)
    return jsonError(400, "bad_request", "Enter your email, name and a password.");
  const created = await acceptInviteAsNewUser(
    ctx.deps,
    { token: body.token, email: body.email, name: body.name, password: body.password },
    ctx.caller,
  );
  return jsonWithCookies({ next: "enroll", organizationSlug: created.organizationSlug }, [
    challengeCookie(created.challengeToken, ctx.secure),
  ]);
});
