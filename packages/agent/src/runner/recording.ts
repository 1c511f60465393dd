import type { ToolRun } from "@fleetdeck/protocol";
import type { CommandRunner } from "./types";
import { toolRun } from "./types";

export type Reply = Partial<Omit<ToolRun, "argv">>;
/** Canned answers by the argv joined with spaces; a function sees the argv itself. */
export type Replies = Record<string, Reply> | ((argv: readonly string[]) => Reply | undefined);

export interface RecordingRunner extends CommandRunner {
  /** Every argv, in call order: the golden list tests compare. */
  readonly calls: string[][];
}

/** For tests: records each argv and answers from `replies` (a plain success otherwise). */
export function recordingRunner(
  replies: Replies = {},
  options: { delayMs?: number } = {},
): RecordingRunner {
  const calls: string[][] = [];
  return {
    dryRun: false,
    calls,
    async run(argv) {
      calls.push([...argv]);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const reply = typeof replies === "function" ? replies(argv) : replies[argv.join(" ")];
      return toolRun(argv, reply);
    },
  };
}
