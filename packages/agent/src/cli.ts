import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { main } from "./cli/main";
import type { CliIo } from "./cli/types";

/** The real process: stdout/stderr, the environment, and SIGINT/SIGTERM to stop `run`. */
function nodeIo(): CliIo {
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    untilStopped: () =>
      new Promise((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      }),
  };
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2), nodeIo()).then(
    (code) => {
      process.exitCode = code;
      // Exit once output is flushed; should a stray handle linger, do not hang systemd's stop.
      setTimeout(() => process.exit(code), 2_000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`fleetdeck-agent: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
