import type { Outcome } from "./api";

/**
 * An upload that will not succeed by trying again (413, a refusal, a checksum the server
 * rejects): its progress is dropped. Any other error keeps the progress for a resume.
 */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

/** The error for an answer that retrying will not change. */
export function errorFor(
  what: string,
  out: Exclude<Outcome<unknown>, { kind: "ok" | "retry" }>,
): UploadError {
  switch (out.kind) {
    case "too-large":
      return new UploadError(
        `the server refused the vmcore as too large (413): ${out.message}`,
        true,
      );
    case "refused":
      return new UploadError(
        `vmcore upload ${what} refused: HTTP ${out.status}: ${out.message}`,
        true,
      );
    case "gone":
      return new UploadError(`vmcore upload ${what}: the server does not know the upload`, true);
    case "conflict":
      return new UploadError(`vmcore upload ${what}: unexpected 409`, false);
    default:
      return out satisfies never;
  }
}
