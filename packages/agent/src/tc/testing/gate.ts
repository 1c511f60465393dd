import { readFileSync } from "node:fs";
import type { CommandRunner } from "../../runner/types";

/** A `tc [flags] -batch FILE` run without -force whose file changes something. */
function isApplyBatch(argv: readonly string[]): boolean {
  const at = argv.indexOf("-batch");
  const file = argv[at + 1];
  if (argv[0] !== "tc" || at < 0 || argv.includes("-force") || !file) return false;
  const lines = readFileSync(file, "utf8").split("\n");
  return lines.some((l) => l.trim() !== "" && l.split(" ")[1] !== "show");
}

/**
 * Holds back the first apply batch (a `tc -batch` without -force that changes
 * something: the stepwise batch, or the single run with its listings) until
 * `open()`: a test can take the server away between a command's start and its effect.
 */
export function gatedRunner(
  inner: CommandRunner,
): CommandRunner & { open(): void; reached: Promise<void> } {
  let open = () => {};
  let reach = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  let held = false;
  return {
    dryRun: inner.dryRun,
    open,
    reached,
    async run(argv, options) {
      if (!held && isApplyBatch(argv)) {
        held = true;
        reach();
        await opened;
      }
      return inner.run(argv, options);
    },
  };
}
