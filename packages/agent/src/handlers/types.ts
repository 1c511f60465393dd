import type { CommandArgs, CommandType } from "@fleetdeck/protocol";
import type { AgentConfig } from "../config";
import type { FactsSource } from "../facts/source";
import type { CommandRunner } from "../runner/types";

export interface HandlerContext {
  config: AgentConfig;
  runner: CommandRunner;
  facts: FactsSource;
  /** Makes the next heartbeat carry the full facts. */
  requestFacts(): void;
  /** Aborted when the agent stops. */
  signal: AbortSignal;
  agentStartedAt: number;
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
