/**
 * What an auth flow tells its caller. `invalid` is deliberately one kind with one
 * message: nobody learns which factor failed, or that a code was right but reused.
 */
export type AuthProblem =
  | "invalid"
  | "throttled"
  | "expired"
  | "weak_password"
  | "taken"
  | "not_allowed";

export const GENERIC_FAILURE =
  "Sign-in failed. Check your email, password and code, then try again.";

export class AuthError extends Error {
  override name = "AuthError";
  constructor(
    readonly problem: AuthProblem,
    message: string,
    /** For `throttled`: when another attempt may be made. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const invalid = () => new AuthError("invalid", GENERIC_FAILURE);

export function throttled(retryAfterMs: number): AuthError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AuthError(
    "throttled",
    `Too many attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
    retryAfterMs,
  );
}
