import type { AgentConfig } from "../config";
import { readBootId } from "../facts/system";
import type { Logger } from "../log";
import type { CommandRunner } from "../runner/types";
import { sysfsInterfaces } from "./interfaces";
import { wrapFor } from "./netns-runner";
import type { TcServiceOptions } from "./service";

/** The service as the daemon (and the CLI, and bare handler tests) configure it. */
export function tcOptionsFromConfig(
  config: AgentConfig,
  runner: CommandRunner,
  log: Logger,
): TcServiceOptions {
  return {
    stateDir: config.stateDir,
    runner,
    log,
    interfaces: sysfsInterfaces(config.sysRoot),
    bootId: () => readBootId(config),
    procRoot: config.procRoot,
    driftCheckSeconds: config.driftCheckSeconds,
    driftRepair: config.driftRepair,
    monitorArgv: runner.dryRun ? null : wrapFor(runner)(["ip", "-j", "monitor", "link"]),
  };
}
