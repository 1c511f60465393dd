import { silentLogger } from "../log";
import { tcOptionsFromConfig } from "../tc/from-config";
import { TcService } from "../tc/service";
import type { HandlerContext } from "./types";

/** The daemon's service; a bare handler context (tests) gets one opened from its config. */
export async function tcFor(ctx: HandlerContext): Promise<TcService> {
  if (ctx.tc) return ctx.tc;
  return TcService.open(tcOptionsFromConfig(ctx.config, ctx.runner, silentLogger));
}
