import { HandlerError } from "./types";
import type { Handler } from "./types";

/** Rescans kdump, pstore and the previous boot's journal now, and sends what is new. */
export const crashCollect: Handler<"crash.collect"> = async (_args, ctx) => {
  if (!ctx.crash) throw new HandlerError("crash collection is not running in this agent");
  return { output: await ctx.crash.collect() };
};
