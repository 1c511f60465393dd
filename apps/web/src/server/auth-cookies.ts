import {
  clearSessionCookie,
  DEVICE_COOKIE_MAX_AGE_S,
  DEVICE_COOKIE_NAME,
  type NewSession,
  serializeSessionCookie,
} from "@fleetdeck/auth";

/** The half-finished login: only the auth endpoints ever see it, and never cross-site. */
export const CHALLENGE_COOKIE = "fleetdeck_challenge";

function cookie(name: string, value: string, attributes: string[], secure: boolean): string {
  return [`${name}=${value}`, ...attributes, "HttpOnly", ...(secure ? ["Secure"] : [])].join("; ");
}

export const challengeCookie = (token: string, secure: boolean) =>
  cookie(CHALLENGE_COOKIE, token, ["Path=/api/auth", "SameSite=Strict", "Max-Age=600"], secure);

export const clearChallengeCookie = (secure: boolean) =>
  cookie(CHALLENGE_COOKIE, "", ["Path=/api/auth", "SameSite=Strict", "Max-Age=0"], secure);

export const deviceCookie = (token: string, secure: boolean) =>
  cookie(
    DEVICE_COOKIE_NAME,
    token,
    ["Path=/api/auth", "SameSite=Lax", `Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`],
    secure,
  );

export function sessionCookie(session: NewSession, secure: boolean): string {
  return serializeSessionCookie(session.token, {
    secure,
    maxAgeSeconds: (session.expiresAt.getTime() - Date.now()) / 1000,
  });
}

export const signedOutCookie = (secure: boolean) => clearSessionCookie({ secure });

/** A JSON answer that sets cookies (several Set-Cookie headers, so a Headers object). */
export function jsonWithCookies(body: unknown, cookies: string[], status = 200): Response {
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(JSON.stringify(body), { status, headers });
}
