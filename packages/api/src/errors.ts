/**
 * Domain code throws AppError with a code; one tRPC middleware maps codes to HTTP
 * statuses, so services never import tRPC.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS";

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Extra fields for the client (a field path, a retry delay). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
