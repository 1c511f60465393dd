import type { CommandRunner } from "../runner/types";

/** `ip -V` prints `ip utility, iproute2-6.1.0` (older: `iproute2-ss190107`, newer adds `, libbpf 1.1.0`). */
export function parseIpVersion(output: string): string | null {
  const match = output.match(/iproute2-([^\s,]+)/);
  const version = match?.[1];
  return version ? version.slice(0, 64) : null;
}

export async function readIproute2Version(runner: CommandRunner): Promise<string | null> {
  const run = await runner.run(["ip", "-V"], { timeoutMs: 5_000 });
  if (run.error !== null || run.exitCode !== 0) return null;
  return parseIpVersion(`${run.stdout}\n${run.stderr}`);
}
