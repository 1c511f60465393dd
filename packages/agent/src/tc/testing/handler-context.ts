import { type AgentConfigInput, parseConfig } from "../../config";
import { FactsSource } from "../../facts/source";
import type { HandlerContext } from "../../handlers/types";
import type { CommandRunner } from "../../runner/types";
import { fixtureRoots } from "../../testing/fixtures";
import type { TcService } from "../service";

/** What the executor hands a handler, pointed at a state dir, a runner and a tc service. */
export function handlerContext(
  stateDir: string,
  runner: CommandRunner,
  tc?: TcService,
  extra: AgentConfigInput = {},
): HandlerContext {
  const config = parseConfig({ ...fixtureRoots(), stateDir, ...extra });
  return {
    config,
    runner,
    facts: new FactsSource(config, runner),
    requestFacts: () => {},
    signal: new AbortController().signal,
    agentStartedAt: Date.now(),
    ...(tc ? { tc } : {}),
  };
}
