import type { CommandRunner } from "../runner/types";

/**
 * The last `lines` of the kernel log: journald first (monotonic stamps line up with
 * crash logs), else `dmesg`. Neither may exist or be allowed (CAP_SYSLOG); then empty.
 */
export async function kernelLogTail(runner: CommandRunner, lines: number): Promise<string[]> {
  if (lines === 0) return [];
  const journal = await runner.run([
    "journalctl",
    "-k",
    "-n",
    String(lines),
    "--no-pager",
    "-o",
    "short-monotonic",
  ]);
  if (journal.error === null && journal.exitCode === 0 && hasKernelLines(journal.stdout))
    return tail(journal.stdout, lines);
  const dmesg = await runner.run(["dmesg"]);
  if (dmesg.error === null && dmesg.exitCode === 0) return tail(dmesg.stdout, lines);
  return [];
}

/** journalctl prints `-- No entries --` (and exits 0) where it keeps no kernel log. */
function hasKernelLines(output: string): boolean {
  return output.split("\n").some((line) => line.trim() !== "" && !line.startsWith("-- "));
}

function tail(output: string, lines: number): string[] {
  const all = output.split("\n").filter((line) => line !== "");
  return all.slice(-lines);
}
