import { stat } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import {
  type DiagnosticsBundle,
  diagnosticsBundleSchema,
  type Nic,
  type ToolRun,
} from "@fleetdeck/protocol";
import { readModules } from "../facts/collect";
import { readNics } from "../facts/nics";
import { readOsRelease } from "../facts/os-release";
import { listDir } from "../facts/read";
import { readHostname, readKdump, readKernel } from "../facts/system";
import type { CommandRunner } from "../runner/types";
import { kernelLogTail } from "./kernel-log";
import type { Handler, HandlerContext } from "./types";

/** Hosts with hundreds of veths would otherwise fork thousands of tools. */
export const MAX_DIAGNOSED_NICS = 64;
const PARALLEL_TOOLS = 4;

export const diagnosticsCollect: Handler<"diagnostics.collect"> = async (args, ctx) => {
  const bundle = await collectDiagnostics(ctx, args.kernelLogLines);
  return { output: diagnosticsBundleSchema.parse(bundle) };
};

export async function collectDiagnostics(
  ctx: Pick<HandlerContext, "config" | "runner">,
  kernelLogLines: number,
): Promise<DiagnosticsBundle> {
  const { config, runner } = ctx;
  const [hostname, kernel, osRelease, modules, kdump, pstore, nics] = await Promise.all([
    readHostname(config, config.hostname),
    readKernel(config),
    readOsRelease(config.osReleasePath),
    readModules(config.procRoot),
    readKdump(config),
    listPstore(config.pstoreDir),
    readNics(config.sysRoot),
  ]);
  const chosen = diagnosedNics(nics);
  const tc: DiagnosticsBundle["tc"] = {};
  const ethtool: DiagnosticsBundle["ethtool"] = {};
  const ipLink = await runner.run(["ip", "-j", "link"]);
  await inPool(chosen, PARALLEL_TOOLS, async (name) => {
    const show = (kind: string) => runner.run(["tc", "-s", "-j", kind, "show", "dev", name]);
    tc[name] = {
      qdisc: await show("qdisc"),
      class: await show("class"),
      filter: await show("filter"),
    };
  });
  await collectEthtool(
    runner,
    chosen.filter((n) => n !== "lo"),
    ethtool,
  );
  return {
    uname: `Linux ${hostname} ${kernel.release} ${kernel.version} ${os.machine()}`,
    osRelease,
    modules,
    kdump,
    pstore,
    tc: sortKeys(tc),
    ipLink,
    kernelLog: await kernelLogTail(runner, kernelLogLines),
    ethtool: sortKeys(ethtool),
  };
}

/** Devices with a driver first (the ones policies shape), then virtual ones, by name. */
function diagnosedNics(nics: Nic[]): string[] {
  const physical = nics.filter((n) => n.driver !== null).map((n) => n.name);
  const virtual = nics.filter((n) => n.driver === null).map((n) => n.name);
  return [...physical, ...virtual].slice(0, MAX_DIAGNOSED_NICS).sort();
}

/** `ethtool -i` per device; when the first run says ethtool is missing, stop asking. */
async function collectEthtool(
  runner: CommandRunner,
  names: string[],
  into: Record<string, ToolRun>,
): Promise<void> {
  const [first, ...rest] = names;
  if (first === undefined) return;
  const run = await runner.run(["ethtool", "-i", first]);
  if (run.error?.endsWith("not found")) return;
  into[first] = run;
  await inPool(rest, PARALLEL_TOOLS, async (name) => {
    into[name] = await runner.run(["ethtool", "-i", name]);
  });
}

async function listPstore(dir: string): Promise<DiagnosticsBundle["pstore"]> {
  const names = await listDir(dir);
  const entries = await Promise.all(
    names.map(async (name) => {
      const info = await stat(join(dir, name)).catch(() => null);
      return info?.isFile() ? { name, bytes: info.size } : null;
    }),
  );
  return entries.filter((e) => e !== null);
}

async function inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, worker));
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
