import type { TestNs } from "./netns";

/**
 * The test's own look at a device, independent of the code under test: `tc -s -j`
 * output with counters, rates, install times and action indexes removed. iproute2 6.1
 * prints classes as text; only their header lines (the configuration) are kept.
 */
export async function configOf(ns: TestNs, dev: string): Promise<string> {
  const show = (...args: string[]) =>
    ns.tc(["-s", "-j", ...args]).catch((e: Error) => `ERR ${e.message}`);
  const parts = [
    await show("qdisc", "show", "dev", dev),
    (await show("class", "show", "dev", dev))
      .split("\n")
      .filter((l) => l.startsWith("class ") || l.startsWith("["))
      .join("\n"),
    await show("filter", "show", "dev", dev),
    await show("filter", "show", "dev", dev, "parent", "ffff:"),
  ];
  return parts
    .map((p) =>
      p
        .replace(
          /"(bytes|packets|drops|overlimits|requeues|backlog|qlen|direct_packets_stat|index|installed|last_used|first_used|expires)":\d+,?/g,
          "",
        )
        .replace(/"stats":\{[^{}]*\},?/g, "")
        .replace(/,([}\]])/g, "$1"),
    )
    .join("\n--\n");
}
