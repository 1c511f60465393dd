import { parseArgs } from "node:util";
import { ConfigError } from "../config";
import { errorMessage } from "../log";
import { AGENT_VERSION } from "../version";
import { enrollCommand } from "./enroll";
import { runCommand } from "./run";
import { statusCommand } from "./status";
import { tcCommand } from "./tc";
import {
  type CliCommand,
  CliError,
  type CliIo,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  type OptionValues,
} from "./types";

/** The subcommands; adding one (`tc`) is one more entry. */
export const COMMANDS: Record<string, CliCommand> = {
  enroll: enrollCommand,
  run: runCommand,
  status: statusCommand,
  tc: tcCommand,
};

function usage(): string {
  const lines = Object.values(COMMANDS).map(
    (c) => `  fleetdeck-agent ${c.usage.padEnd(58)} ${c.summary}`,
  );
  return [
    "usage: fleetdeck-agent [--config FILE] COMMAND [OPTIONS]",
    ...lines,
    "  fleetdeck-agent --version",
    "Config: /etc/fleetdeck/agent.json (or --config, FLEETDECK_AGENT_CONFIG); every key also",
    "as FLEETDECK_AGENT_<KEY> (serverUrl → FLEETDECK_AGENT_SERVER_URL).",
  ].join("\n");
}

/** `--config FILE` may come before the command or among its options. */
function takeGlobal(argv: string[]): { configPath: string | undefined; rest: string[] } {
  let configPath: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--config") {
      configPath = argv[++i];
      if (configPath === undefined) throw new CliError("--config needs a FILE", EXIT_USAGE);
    } else if (arg.startsWith("--config=")) configPath = arg.slice("--config=".length);
    else rest.push(arg);
  }
  return { configPath, rest };
}

/** Runs `fleetdeck-agent ARGS`; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { configPath, rest } = takeGlobal([...argv]);
    const [name, ...args] = rest;
    if (name === "--version" || name === "-V" || name === "version") {
      io.stdout(AGENT_VERSION);
      return EXIT_OK;
    }
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      (name === undefined ? io.stderr : io.stdout)(usage());
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    const command = COMMANDS[name];
    if (!command) throw new CliError(`unknown command ${name}\n${usage()}`, EXIT_USAGE);
    const { values, positionals } = parseCommandArgs(command, args);
    if (values.help === true) {
      io.stdout(`usage: fleetdeck-agent ${command.usage}\n${command.summary}`);
      return EXIT_OK;
    }
    return await command.run({ values, configPath, io, positionals });
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) {
      io.stderr(`fleetdeck-agent: ${error.message}`);
      return error instanceof CliError ? error.exitCode : EXIT_USAGE;
    }
    io.stderr(`fleetdeck-agent: ${errorMessage(error)}`);
    return EXIT_FAILED;
  }
}

function parseCommandArgs(command: CliCommand, args: string[]) {
  try {
    const parsed = parseArgs({
      args,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: command.positionals === true,
      strict: true,
    });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    throw new CliError(
      `${errorMessage(error)}\nusage: fleetdeck-agent ${command.usage}`,
      EXIT_USAGE,
    );
  }
}
