import "server-only";
import { type AuthDeps, AuthError, type Caller, checkCsrf } from "@fleetdeck/auth";
import type { z } from "zod";
import { parseCookieHeader } from "./session-cookie";
import { getRuntime } from "./runtime";

const MAX_BODY_BYTES = 16 * 1024;

export interface AuthRouteContext {
  deps: AuthDeps;
  caller: Caller;
  cookies: Map<string, string>;
  secure: boolean;
  request: Request;
}

const statusFor: Record<AuthError["problem"], number> = {
  invalid: 401,
  throttled: 429,
  expired: 410,
  weak_password: 400,
  taken: 409,
  not_allowed: 403,
};

export function jsonError(
  status: number,
  problem: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  return Response.json(
    { error: { problem, message, ...extra } },
    { status, headers: { "cache-control": "no-store", ...headers } },
  );
}

/** The same-origin check every state change passes (tRPC mutations use it too). */
export function csrfRefusal(request: Request): Response | null {
  const verdict = checkCsrf({
    method: request.method,
    contentType: request.headers.get("content-type"),
    origin: request.headers.get("origin"),
    host: request.headers.get("host"),
    allowedOrigins: [new URL(getRuntime().publicUrl).origin],
  });
  return verdict.ok
    ? null
    : jsonError(403, "csrf", "This request did not come from the Fleetdeck page itself.", {
        reason: verdict.problem,
      });
}

/**
 * A POST handler for the sign-in flows: same-origin JSON only, a small body checked
 * against `schema`, AuthError mapped to a status with one plain sentence.
 */
export function authRoute<S extends z.ZodType>(
  schema: S,
  handle: (input: z.infer<S>, ctx: AuthRouteContext) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    const refused = csrfRefusal(request);
    if (refused) return refused;
    const text = await request.text();
    if (text.length > MAX_BODY_BYTES)
      return jsonError(413, "too_large", "The request is too large.");
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      return jsonError(400, "bad_request", "The request body is not valid JSON.");
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return jsonError(400, "bad_request", issue?.message ?? "Invalid request.", {
        fields: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const runtime = getRuntime();
    const ctx: AuthRouteContext = {
      deps: { db: runtime.db, keyring: runtime.keyring },
      caller: {
        ip: request.headers.get("x-fleetdeck-client-ip") ?? "unknown",
        userAgent: request.headers.get("user-agent"),
      },
      cookies: parseCookieHeader(request.headers.get("cookie")),
      secure: runtime.secureCookies,
      request,
    };
    try {
      return await handle(parsed.data, ctx);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const headers: Record<string, string> = error.retryAfterMs
        ? { "retry-after": String(Math.ceil(error.retryAfterMs / 1000)) }
        : {};
      return jsonError(statusFor[error.problem], error.problem, error.message, {}, headers);
    }
  };
}
