import { randomBytes } from "node:crypto";
import {
  type CompiledPolicy,
  compareState,
  compilePolicy,
  formatIssue,
  parseTcState,
} from "@fleetdeck/tc";
import { z } from "zod";
import type { CommandRunner } from "../runner/types";
import { netnsRunner } from "./netns-runner";
import { TcTool } from "./tool";

export const tcDryRunOutputSchema = z.object({
  namespace: z.string(),
  /** The host's interfaces the policy resolved to, recreated as veths in the namespace. */
  interfaces: z.array(z.string()),
  /** The kernel took every line and the read-back matches. */
  ok: z.boolean(),
  refused: z.array(z.object({ line: z.number().int(), text: z.string(), message: z.string() })),
  differences: z.array(z.string()),
  modules: z.array(z.string()),
  warnings: z.array(z.string()),
  durationMs: z.number(),
  note: z.string().optional(),
});
export type TcDryRunOutput = z.infer<typeof tcDryRunOutputSchema>;

export class PreflightError extends Error {}

/** `<dev>p` in at most 15 bytes, not clashing with another name in the namespace. */
export function peerName(dev: string, taken: Set<string>): string {
  let name = `${dev.slice(0, 14)}p`;
  for (let i = 0; taken.has(name); i++) name = `fdp${i}`;
  taken.add(name);
  return name;
}

/** Devices a mirred action sends to: they must exist in the namespace too. */
function mirredTargets(plan: CompiledPolicy): string[] {
  return plan.batch.flatMap((argv) => {
    const at = argv.indexOf("mirred");
    const dev = at < 0 ? -1 : argv.indexOf("dev", at);
    return dev < 0 ? [] : [argv[dev + 1] ?? ""].filter(Boolean);
  });
}

async function must(runner: CommandRunner, argv: string[]): Promise<void> {
  const run = await runner.run(argv);
  if (run.exitCode !== 0 || run.error)
    throw new PreflightError(`${argv.join(" ")}: ${run.error ?? run.stderr.trim()}`);
}

/**
 * Pre-flight: the policy is applied in a throwaway namespace whose veths carry the
 * host's interface names, with -force so every line the kernel refuses is reported,
 * then read back. The namespace is always deleted.
 */
export async function preflight(
  runner: CommandRunner,
  workDir: string,
  host: readonly string[],
  spec: unknown,
): Promise<TcDryRunOutput> {
  const started = performance.now();
  const compiled = compilePolicy(spec, { interfaces: host });
  if (!compiled.ok)
    throw new PreflightError(
      `policy does not compile here: ${compiled.errors.map(formatIssue).join("; ")}`,
    );
  const plan = compiled.plan;
  const ns = `fddry-${randomBytes(4).toString("hex")}`;
  const real = plan.devices.map((d) => d.dev).filter((d) => !plan.ifbDevices.includes(d));
  const devices = [...new Set([...real, ...mirredTargets(plan)])].filter(
    (d) => d !== "lo" && !plan.ifbDevices.includes(d),
  );
  const refused: TcDryRunOutput["refused"] = [];
  const differences: string[] = [];
  await must(runner, ["ip", "netns", "add", ns]);
  try {
    const taken = new Set(devices);
    for (const dev of devices) {
      const peer = peerName(dev, taken);
      await must(runner, [
        "ip",
        "-n",
        ns,
        "link",
        "add",
        "name",
        dev,
        "type",
        "veth",
        "peer",
        "name",
        peer,
      ]);
      await must(runner, ["ip", "-n", ns, "link", "set", "dev", dev, "up"]);
      await must(runner, ["ip", "-n", ns, "link", "set", "dev", peer, "up"]);
    }
    for (const ifb of plan.ifbDevices) {
      const add = ["ip", "-n", ns, "link", "add", "name", ifb, "type", "ifb"];
      await must(runner, add).then(
        () => must(runner, ["ip", "-n", ns, "link", "set", "dev", ifb, "up"]),
        (e: Error) => refused.push({ line: 0, text: add.slice(3).join(" "), message: e.message }),
      );
    }
    const tool = new TcTool(netnsRunner(ns, runner), workDir);
    await tool.batch(plan.teardown, true);
    const run = await tool.batch(plan.batch, true);
    refused.push(...run.failures);
    if (run.error) differences.push(`tc -batch: ${run.error}`);
    if (!runner.dryRun) {
      for (const d of plan.devices) {
        const raw = await tool.show(d.dev).catch(() => null);
        if (!raw) differences.push(`${d.dev}: cannot be read back`);
        else differences.push(...compareState(d.tree, parseTcState(raw)));
      }
    }
  } finally {
    await runner.run(["ip", "netns", "del", ns]);
  }
  return {
    namespace: ns,
    interfaces: real,
    ok: refused.length === 0 && differences.length === 0,
    refused,
    differences,
    modules: plan.features.modules,
    warnings: compiled.warnings.map(formatIssue),
    durationMs: Math.round(performance.now() - started),
    ...(runner.dryRun ? { note: "dry-run: commands were recorded, not executed" } : {}),
  };
}
