import { NoVmcoreError } from "../crash";
import { UploadError } from "../upload";
import { HandlerError } from "./types";
import type { Handler } from "./types";

/** Uploads the vmcore of the named crash (resuming an earlier attempt); waits for the end. */
export const vmcoreFetch: Handler<"vmcore.fetch"> = async (args, ctx) => {
  if (!ctx.crash) throw new HandlerError("crash collection is not running in this agent");
  try {
    const { uploadId, bytes, sha256 } = await ctx.crash.fetchVmcore(args);
    return { output: { uploadId, bytes, sha256 } };
  } catch (error) {
    if (error instanceof NoVmcoreError || error instanceof UploadError)
      throw new HandlerError(error.message);
    throw error;
  }
};
