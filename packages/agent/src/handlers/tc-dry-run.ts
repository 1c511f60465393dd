import { PreflightError, preflight } from "../tc/preflight";
import { tcFor } from "./tc-service";
import { type Handler, HandlerError } from "./types";

/** Pre-flight in a throwaway namespace: what this kernel refuses, and read-back differences. */
export const tcDryRun: Handler<"tc.dry-run"> = async (args, ctx) => {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0 && !ctx.runner.dryRun)
    throw new HandlerError(
      `tc.dry-run needs root (it creates a network namespace); the agent runs as uid ${uid}`,
    );
  const tc = await tcFor(ctx);
  try {
    const output = await preflight(ctx.runner, tc.paths.work, await tc.hostInterfaces(), args.spec);
    return { output: { ...output, revisionId: args.revisionId ?? null, hash: args.hash } };
  } catch (error) {
    if (error instanceof PreflightError) throw new HandlerError(error.message);
    throw error;
  }
};
