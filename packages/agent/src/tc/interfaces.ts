import { join } from "node:path";
import { listDir } from "../facts/read";
import type { CommandRunner } from "../runner/types";

/** The interface names rule patterns are resolved against. */
export type InterfaceLister = () => Promise<string[]>;

/** /sys/class/net, read the way the facts collector reads it (names over 15 bytes skipped). */
export function sysfsInterfaces(sysRoot: string): InterfaceLister {
  return async () =>
    (await listDir(join(sysRoot, "class", "net"))).filter((n) => Buffer.byteLength(n) <= 15);
}

/**
 * `ip -j link show` through a runner: inside a namespace /sys still shows the host's
 * devices, so namespaced runs (tests, tc.dry-run) ask ip instead.
 */
export function runnerInterfaces(runner: CommandRunner): InterfaceLister {
  return async () => {
    const run = await runner.run(["ip", "-j", "link", "show"]);
    if (run.exitCode !== 0) throw new Error(`ip -j link show: ${run.error ?? run.stderr.trim()}`);
    const links: unknown = JSON.parse(run.stdout || "[]");
    if (!Array.isArray(links)) return [];
    return links.flatMap((l) =>
      typeof l === "object" && l !== null && typeof (l as { ifname?: unknown }).ifname === "string"
        ? [(l as { ifname: string }).ifname]
        : [],
    );
  };
}
