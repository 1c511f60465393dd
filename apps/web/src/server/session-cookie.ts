import { readSessionCookie } from "@fleetdeck/auth";
import { getRuntime } from "./runtime";

/** The session token a request carries, read under the cookie name this deployment uses. */
export function sessionTokenFrom(cookieHeader: string | null): string | null {
  return readSessionCookie(cookieHeader, { secure: getRuntime().secureCookies });
}

export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    try {
      cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed cookie from elsewhere is ignored, not fatal.
    }
  }
  return cookies;
}
