import type { ToolRun } from "@fleetdeck/protocol";

export interface RunOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/**
 * How the agent runs external tools: always an argv array, never a shell string, so an
 * empty or hostile value can only ever be one argument. Never throws: a missing tool, a
 * timeout or a non-zero exit are all described in the ToolRun.
 */
export interface CommandRunner {
  /** Tools are recorded, not executed (results say so). */
  readonly dryRun: boolean;
  run(argv: readonly string[], options?: RunOptions): Promise<ToolRun>;
}

export function toolRun(argv: readonly string[], fields: Partial<ToolRun> = {}): ToolRun {
  return {
    argv: [...argv],
    exitCode: 0,
    stdout: "",
    stderr: "",
    error: null,
    durationMs: 0,
    ...fields,
  };
}
