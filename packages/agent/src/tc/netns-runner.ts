import type { CommandRunner } from "../runner/types";

/** A runner whose tools run inside another network namespace; `wrap` shows how. */
export interface WrappingRunner extends CommandRunner {
  wrap(argv: readonly string[]): string[];
}

/**
 * Runs every argv as `ip netns exec NS argv...` through `inner`: the agent's tc code
 * is exercised unchanged against a throwaway namespace (tests, `tc.dry-run`), and the
 * prefix stays an argv prefix, never a shell string.
 */
export function netnsRunner(ns: string, inner: CommandRunner): WrappingRunner {
  const wrap = (argv: readonly string[]) => ["ip", "netns", "exec", ns, ...argv];
  return {
    dryRun: inner.dryRun,
    wrap,
    async run(argv, options) {
      const run = await inner.run(wrap(argv), options);
      // Callers read argv back (failing-line reports): show the command they asked for.
      return { ...run, argv: [...argv] };
    },
  };
}

/** The argv prefix a runner adds, if it is a wrapping one (for long-lived tools). */
export function wrapFor(runner: CommandRunner): (argv: readonly string[]) => string[] {
  const wrapping = runner as Partial<WrappingRunner>;
  return typeof wrapping.wrap === "function" ? wrapping.wrap : (argv) => [...argv];
}
