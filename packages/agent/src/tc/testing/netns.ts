import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { silentLogger } from "../../log";
import { execRunner } from "../../runner/exec";
import { runnerInterfaces } from "../interfaces";
import { netnsRunner, type WrappingRunner } from "../netns-runner";
import { TcService, type TcServiceOptions } from "../service";

const run = promisify(execFile);

/** Root, ip and tc present: the *.netns.test.ts files run, else they skip. */
export async function canUseNetns(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  try {
    await run("ip", ["-V"]);
    await run("tc", ["-V"]);
    return true;
  } catch {
    return false;
  }
}

export interface TestNs {
  name: string;
  /** The agent's exec runner, wrapped into the namespace. */
  runner: WrappingRunner;
  /** `tc ARGS` in the namespace, straight (not through the agent): the test's own eyes. */
  tc(args: readonly string[]): Promise<string>;
  ip(args: readonly string[]): Promise<string>;
  destroy(): Promise<void>;
}

export const testExecRunner = () => execRunner({ timeoutMs: 30_000, maxOutputBytes: 16 << 20 });

/** A namespace with one veth per name (4 TX queues each, peers `<dev>p`), all up. */
export async function createTestNs(devices: readonly string[], prefix = "fdag"): Promise<TestNs> {
  const name = `${prefix}-${process.pid}-${randomBytes(3).toString("hex")}`;
  await run("ip", ["netns", "add", name]);
  const ns: TestNs = {
    name,
    runner: netnsRunner(name, testExecRunner()),
    tc: async (args) => (await run("ip", ["netns", "exec", name, "tc", ...args])).stdout,
    ip: async (args) => (await run("ip", ["-n", name, ...args])).stdout,
    destroy: async () => {
      await run("ip", ["netns", "del", name]).catch(() => undefined);
    },
  };
  try {
    for (const dev of devices) {
      const peer = `${dev.slice(0, 14)}p`;
      const q = ["numtxqueues", "4", "numrxqueues", "4"];
      await ns.ip(["link", "add", "name", dev, ...q, "type", "veth", "peer", "name", peer, ...q]);
      await ns.ip(["link", "set", "dev", dev, "up"]);
      await ns.ip(["link", "set", "dev", peer, "up"]);
    }
  } catch (error) {
    await ns.destroy();
    throw error;
  }
  return ns;
}

/** The agent's tc service pointed at a namespace (its interfaces, a fixed boot id). */
export function serviceIn(
  ns: Pick<TestNs, "runner">,
  stateDir: string,
  extra: Partial<TcServiceOptions> = {},
): Promise<TcService> {
  return TcService.open({
    stateDir,
    runner: ns.runner,
    log: silentLogger,
    interfaces: runnerInterfaces(ns.runner),
    bootId: async () => "boot-test",
    procRoot: "/proc",
    driftCheckSeconds: 0,
    driftRepair: false,
    monitorArgv: null,
    ...extra,
  });
}
