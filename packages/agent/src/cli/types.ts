import type { ParseArgsConfig } from "node:util";

/** The CLI's only contact with the world, so tests run it in-process. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the daemon should stop (SIGINT/SIGTERM in the real process). */
  untilStopped(): Promise<void>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CliContext {
  values: OptionValues;
  /** From --config (else FLEETDECK_AGENT_CONFIG, else /etc/fleetdeck/agent.json). */
  configPath: string | undefined;
  io: CliIo;
  /** Words after the command, for commands that take them (`tc render POLICY.json`). */
  positionals: string[];
}

/** One subcommand: later ones (`tc …`) are one more entry in the table. */
export interface CliCommand {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Accepts words besides options (off: any stray word is a usage error). */
  positionals?: boolean;
  run(ctx: CliContext): Promise<number>;
}

/** A failure the user can act on: printed as one line, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_FAILED,
  ) {
    super(message);
  }
}
