import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** True when this process can create network namespaces and run tc. */
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

export interface Netns {
  name: string;
  /** Runs `tc <args>` inside the namespace; rejects on a non-zero exit. */
  tc(args: readonly string[]): Promise<string>;
  /** Runs `ip <args>` inside the namespace. */
  ip(args: readonly string[]): Promise<string>;
  /** Runs `tc [-force] -batch <file>` with `text` as the file. */
  batch(text: string, force?: boolean): Promise<{ ok: boolean; stderr: string }>;
  destroy(): Promise<void>;
}

/**
 * A throwaway namespace holding one veth per requested name (4 TX queues each, so
 * mq has queues to attach to). Peers are named fdpN; argv only, no shell.
 */
export async function createNetns(interfaces: readonly string[]): Promise<Netns> {
  const name = `fdtc-${process.pid}-${randomBytes(4).toString("hex")}`;
  await run("ip", ["netns", "add", name]);
  const dir = await mkdtemp(path.join(tmpdir(), "fdtc-"));
  const inNs = (file: string, args: readonly string[]) =>
    run("ip", ["netns", "exec", name, file, ...args]);
  const ns: Netns = {
    name,
    async tc(args) {
      return (await inNs("tc", args)).stdout;
    },
    async ip(args) {
      return (await run("ip", ["-n", name, ...args])).stdout;
    },
    async batch(text, force = false) {
      const file = path.join(dir, `${randomBytes(4).toString("hex")}.tc`);
      await writeFile(file, text);
      try {
        const { stderr } = await inNs("tc", [...(force ? ["-force"] : []), "-batch", file]);
        return { ok: true, stderr };
      } catch (error) {
        return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? error) };
      }
    },
    async destroy() {
      await run("ip", ["netns", "del", name]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    for (const [i, dev] of interfaces.entries()) {
      const peer = `fdp${i}`;
      const q = ["numtxqueues", "4", "numrxqueues", "4"];
      await run("ip", [
        "-n",
        name,
        "link",
        "add",
        "name",
        dev,
        ...q,
        "type",
        "veth",
        "peer",
        "name",
        peer,
        ...q,
      ]);
      await run("ip", ["-n", name, "link", "set", "dev", dev, "up"]);
      await run("ip", ["-n", name, "link", "set", "dev", peer, "up"]);
    }
  } catch (error) {
    await ns.destroy();
    throw error;
  }
  return ns;
}
