import { createHash, randomBytes } from "node:crypto";

/** 256 random bits: guessing a live session is out of the question. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The value for the cookie; shown to the browser only, never stored. */
export function generateSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/**
 * What the sessions table stores and looks up. A plain SHA-256 is enough for a 256-bit
 * random value (no guessing to slow down); it means a leaked database backup holds no
 * usable session.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, has Path=/ and no
 * Domain: no subdomain or plain-http page can plant or overwrite it.
 */
export const SESSION_COOKIE_NAME = "__Host-fleetdeck_session";

/**
 * Browsers refuse `__Host-` cookies without Secure, and Secure cookies are not kept over
 * plain http (Chrome and Firefox make an exception for localhost, Safari does not). So
 * `pnpm start` on http://localhost uses this name, without the prefix's guarantees; it
 * must never be chosen for a deployment reachable by anyone else.
 */
export const DEV_SESSION_COOKIE_NAME = "fleetdeck_session_dev";

export interface SessionCookieOptions {
  /** True when served over https (always in production). */
  secure: boolean;
}

export function sessionCookieName({ secure }: SessionCookieOptions): string {
  return secure ? SESSION_COOKIE_NAME : DEV_SESSION_COOKIE_NAME;
}

function attributes(secure: boolean): string[] {
  // HttpOnly: no script (an XSS) can read it. SameSite=Lax: not sent on cross-site POSTs,
  // yet a link from an e-mail still arrives signed in. No Domain: this host only.
  return ["Path=/", "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])];
}

/** The Set-Cookie value that signs the browser in. */
export function serializeSessionCookie(
  token: string,
  options: SessionCookieOptions & { maxAgeSeconds: number },
): string {
  if (!TOKEN_PATTERN.test(token)) throw new TypeError("Not a session token");
  const maxAge = Math.max(0, Math.floor(options.maxAgeSeconds));
  const name = sessionCookieName(options);
  return [`${name}=${token}`, ...attributes(options.secure), `Max-Age=${maxAge}`].join("; ");
}

/** The Set-Cookie value that signs the browser out (same name and attributes, expired). */
export function clearSessionCookie(options: SessionCookieOptions): string {
  const name = sessionCookieName(options);
  return [`${name}=`, ...attributes(options.secure), "Max-Age=0"].join("; ");
}

/** The session token from a Cookie header, or null if absent or not shaped like one. */
export function readSessionCookie(
  cookieHeader: string | null | undefined,
  options: SessionCookieOptions,
): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(options);
  for (const pair of cookieHeader.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    if (TOKEN_PATTERN.test(value)) return value;
  }
  return null;
}
