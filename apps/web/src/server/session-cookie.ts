/**
 * Browsers accept a `__Host-` cookie only with Secure, which plain-http localhost
 * cannot set; there the cookie drops the prefix but keeps every other attribute.
 */
export const SECURE_SESSION_COOKIE = "__Host-fleetdeck_session";
export const PLAIN_SESSION_COOKIE = "fleetdeck_session";

export function readSessionToken(get: (name: string) => string | undefined): string | null {
  return get(SECURE_SESSION_COOKIE) ?? get(PLAIN_SESSION_COOKIE) ?? null;
}

export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return cookies;
}
