import { tcFor } from "./tc-service";
import { type Handler, HandlerError } from "./types";

/**
 * Applies a revision as one transaction (snapshot, teardown + batch, read-back,
 * restore on any failure). A failure is a failed result whose output still says what
 * was refused, what differed and whether the previous state is back.
 */
export const tcApply: Handler<"tc.apply"> = async (args, ctx) => {
  const tc = await tcFor(ctx);
  const { revisionId, policyName, hash, spec, commitConfirmSeconds } = args;
  const outcome = await tc.apply({ revisionId, policyName, hash, spec }, commitConfirmSeconds);
  if (!outcome.ok)
    throw new HandlerError(outcome.error ?? "tc.apply failed", null, "", outcome.output);
  return { output: outcome.output };
};
