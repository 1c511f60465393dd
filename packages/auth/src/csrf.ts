/**
 * Cross-site request forgery check for every request that can change state.
 *
 * Two independent locks: (1) a state change must be a POST with a JSON body. An HTML form
 * or a no-CORS fetch from another site can only send form or text/plain bodies; sending
 * application/json cross-site needs a CORS preflight, which we never approve. (2) The
 * Origin header, which browsers set and page scripts cannot, must be this site. SameSite
 * cookies are a third lock but only in browsers that honour them.
 */

export type CsrfProblem =
  | "method_not_allowed"
  | "content_type_not_json"
  | "origin_missing"
  | "origin_null"
  | "origin_mismatch";

export type CsrfCheck = { ok: true } | { ok: false; problem: CsrfProblem };

export interface CsrfRequest {
  method: string;
  contentType: string | null | undefined;
  origin: string | null | undefined;
  /** The Host header the request came in with. */
  host: string | null | undefined;
  /** Full origins the site is served at, e.g. ["https://fleet.example.com"] (from env). */
  allowedOrigins: readonly string[];
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** application/json, with at most a charset parameter. */
function isJson(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const [type = "", ...params] = contentType.split(";").map((p) => p.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((p) => p === "" || p.startsWith("charset="));
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Same site means: one of the configured origins, or the very host the request was sent
 * to over https (http only on loopback, for development). Comparing the scheme matters:
 * a page injected into http://ourhost by someone on the network must not pass.
 */
function isSameSite(origin: string, host: string | null | undefined, allowed: readonly string[]) {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (allowed.some((a) => safeOrigin(a) === url.origin)) return true;
  if (!host || url.host !== host.toLowerCase()) return false;
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname));
}

function safeOrigin(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

export function checkCsrf(request: CsrfRequest): CsrfCheck {
  const method = request.method.toUpperCase();
  if (SAFE_METHODS.has(method)) return { ok: true };
  if (method !== "POST") return { ok: false, problem: "method_not_allowed" };
  if (!isJson(request.contentType)) return { ok: false, problem: "content_type_not_json" };
  const origin = request.origin?.trim();
  if (!origin) return { ok: false, problem: "origin_missing" };
  // Sent by sandboxed iframes, data: URLs and some redirects: nothing we can trust.
  if (origin === "null") return { ok: false, problem: "origin_null" };
  if (!isSameSite(origin, request.host, request.allowedOrigins)) {
    return { ok: false, problem: "origin_mismatch" };
  }
  return { ok: true };
}
