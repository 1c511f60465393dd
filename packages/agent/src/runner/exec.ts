import { execFile } from "node:child_process";
import type { ToolRun } from "@fleetdeck/protocol";
import { type CommandRunner, type RunOptions, toolRun } from "./types";

export interface ExecRunnerOptions {
  timeoutMs: number;
  maxOutputBytes: number;
}

type ExecError = NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };

/** Runs tools with execFile (no shell), a timeout and an output cap. */
export function execRunner(defaults: ExecRunnerOptions): CommandRunner {
  return {
    dryRun: false,
    run(argv, options: RunOptions = {}) {
      const [file, ...args] = argv;
      const started = performance.now();
      if (!file) return Promise.resolve(toolRun(argv, { exitCode: null, error: "empty argv" }));
      const timeout = options.timeoutMs ?? defaults.timeoutMs;
      const maxBuffer = options.maxOutputBytes ?? defaults.maxOutputBytes;
      // A fixed C locale keeps tool output parseable whatever the host's LANG is.
      const env = { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", LC_ALL: "C" };
      return new Promise<ToolRun>((resolve) => {
        execFile(
          file,
          args,
          { timeout, maxBuffer, env, encoding: "utf8", windowsHide: true, killSignal: "SIGKILL" },
          (error, stdout, stderr) => {
            const durationMs = Math.round(performance.now() - started);
            const base = { argv: [...argv], stdout, stderr, durationMs };
            if (!error) return resolve({ ...base, exitCode: 0, error: null });
            resolve({ ...base, ...describeError(error as ExecError, file, timeout) });
          },
        );
      });
    },
  };
}

function describeError(
  error: ExecError,
  file: string,
  timeoutMs: number,
): Pick<ToolRun, "exitCode" | "error"> {
  if (error.code === "ENOENT") return { exitCode: null, error: `${file}: not found` };
  if (error.code === "EACCES") return { exitCode: null, error: `${file}: permission denied` };
  if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
    return { exitCode: null, error: `${file}: output exceeded the limit` };
  if (error.killed && error.signal)
    return { exitCode: null, error: `timed out after ${timeoutMs} ms` };
  if (typeof error.code === "number") return { exitCode: error.code, error: null };
  return { exitCode: null, error: error.message };
}
