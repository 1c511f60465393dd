import type { CommandArgs, CommandType } from "@fleetdeck/protocol";
import type { AgentConfig } from "../config";
import type { CrashCommands } from "../crash";
import type { FactsSource } from "../facts/source";
import type { CommandRunner } from "../runner/types";
import type { TcService } from "../tc/service";

export interface HandlerContext {
  config: AgentConfig;
  runner: CommandRunner;
  facts: FactsSource;
  /** Makes the next heartbeat carry the full facts. */
  requestFacts(): void;
  /** Aborted when the agent stops. */
  signal: AbortSignal;
  agentStartedAt: number;
  /** The crash collector (crash.collect, vmcore.fetch); absent in bare handler tests. */
  crash?: CrashCommands;
  /** The tc subsystem (tc.*); absent in bare handler tests, which get a throwaway one. */
  tc?: TcService;
}

export interface HandlerOutcome {
  /** Structured output posted as the result's `output`. */
  output: unknown;
}

/** A handler that cannot do its job throws this (or anything): the result is "failed". */
export class HandlerError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null = null,
    readonly stderr = "",
    /** Structured output a failure still reports (tc.apply: what was restored, and why). */
    readonly output: unknown = null,
  ) {
    super(message);
  }
}

export type Handler<T extends CommandType> = (
  args: CommandArgs<T>,
  ctx: HandlerContext,
) => Promise<HandlerOutcome>;

/**
 * Handlers by type. Partial: an agent older than a command type refuses it with
 * `unknown_type` instead of failing to build.
 */
export type HandlerTable = { [T in CommandType]?: Handler<T> };
