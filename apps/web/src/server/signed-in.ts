import "server-only";
import { getViewerBySessionToken } from "@fleetdeck/api";
import { readSessionCookie, type SignedIn } from "@fleetdeck/auth";
import type { AuthRouteContext } from "./auth-route";

/** The person behind the request's session, for account changes; null when signed out. */
export async function signedInFrom(ctx: AuthRouteContext): Promise<SignedIn | null> {
  const token = readSessionCookie(ctx.request.headers.get("cookie"), { secure: ctx.secure });
  const viewer = token ? await getViewerBySessionToken(ctx.deps.db, token) : null;
  return viewer
    ? { userId: viewer.user.id, email: viewer.user.email, sessionId: viewer.sessionId }
    : null;
}
