import type { CommandRunner } from "./types";
import { toolRun } from "./types";

/**
 * Used when config dryRun is true (a demo fleet without root): nothing is executed; each
 * argv is logged and answered with a plausible empty success (`[]` for JSON output).
 */
export function dryRunRunner(record: (argv: readonly string[]) => void = () => {}): CommandRunner {
  return {
    dryRun: true,
    async run(argv) {
      record(argv);
      return toolRun(argv, { stdout: argv.includes("-j") ? "[]\n" : "" });
    },
  };
}
