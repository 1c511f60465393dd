import { loadConfig } from "../config";
import { createLogger } from "../log";
import { runnerFor } from "../loop";
import type { CommandRunner } from "../runner/types";
import { tcOptionsFromConfig } from "../tc/from-config";
import { runnerInterfaces } from "../tc/interfaces";
import { netnsRunner } from "../tc/netns-runner";
import { TcService } from "../tc/service";
import type { CliContext } from "./types";

export const devsOf = (ctx: CliContext): string[] => {
  const dev = ctx.values.dev;
  return Array.isArray(dev) ? dev : typeof dev === "string" ? [dev] : [];
};

/**
 * The tc service as the daemon builds it (same state dir, so a local apply is the
 * revision the daemon then watches), optionally inside `--netns NS`. With `--dev`, those
 * names stand for the host's interfaces. No link monitor and no drift loop: one shot.
 */
export async function localTc(ctx: CliContext): Promise<{ tc: TcService; runner: CommandRunner }> {
  const config = loadConfig({ path: ctx.configPath, env: ctx.io.env });
  const log = createLogger(config.logLevel);
  const base = runnerFor(config, log);
  const ns = typeof ctx.values.netns === "string" ? ctx.values.netns : null;
  const runner = ns ? netnsRunner(ns, base) : base;
  const devs = devsOf(ctx);
  const options = tcOptionsFromConfig(config, runner, log);
  const tc = await TcService.open({
    ...options,
    monitorArgv: null,
    ...(ns ? { interfaces: runnerInterfaces(runner) } : {}),
    ...(devs.length > 0 ? { interfaces: async () => devs } : {}),
  });
  return { tc, runner };
}
