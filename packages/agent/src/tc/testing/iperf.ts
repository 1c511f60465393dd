import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { netnsRunner } from "../netns-runner";
import { type TestNs, testExecRunner } from "./netns";

const run = promisify(execFile);

export async function hasIperf3(): Promise<boolean> {
  return run("iperf3", ["--version"]).then(
    () => true,
    () => false,
  );
}

export interface LinkedPair {
  sender: TestNs;
  receiver: TestNs;
  /** The receiver's address on the link. */
  receiverAddress: string;
  destroy(): Promise<void>;
}

function handle(name: string): TestNs {
  return {
    name,
    runner: netnsRunner(name, testExecRunner()),
    tc: async (args) => (await run("ip", ["netns", "exec", name, "tc", ...args])).stdout,
    ip: async (args) => (await run("ip", ["-n", name, ...args])).stdout,
    destroy: async () => {
      await run("ip", ["netns", "del", name]).catch(() => undefined);
    },
  };
}

/**
 * Two namespaces joined by one veth pair, each end named eth0, addressed from a /30
 * that exists only inside these namespaces.
 */
export async function linkedPair(): Promise<LinkedPair> {
  const tag = `${process.pid}-${randomBytes(2).toString("hex")}`;
  const sender = handle(`fdtx-${tag}`);
  const receiver = handle(`fdrx-${tag}`);
  const destroy = async () => {
    await sender.destroy();
    await receiver.destroy();
  };
  try {
    await run("ip", ["netns", "add", sender.name]);
    await run("ip", ["netns", "add", receiver.name]);
    await sender.ip([
      "link",
      "add",
      "name",
      "eth0",
      "type",
      "veth",
      "peer",
      "name",
      "eth0",
      "netns",
      receiver.name,
    ]);
    await sender.ip(["addr", "add", "10.213.0.1/30", "dev", "eth0"]);
    await receiver.ip(["addr", "add", "10.213.0.2/30", "dev", "eth0"]);
    for (const ns of [sender, receiver]) {
      await ns.ip(["link", "set", "dev", "eth0", "up"]);
      await ns.ip(["link", "set", "dev", "lo", "up"]);
    }
  } catch (error) {
    await destroy();
    throw error;
  }
  return { sender, receiver, receiverAddress: "10.213.0.2", destroy };
}

/** iperf3 for `seconds` from sender to receiver; the rate the receiver got, bits per second. */
export async function measureRate(pair: LinkedPair, seconds: number): Promise<number> {
  const server = run(
    "ip",
    ["netns", "exec", pair.receiver.name, "iperf3", "-s", "-1", "-J", "-p", "5299"],
    {
      timeout: (seconds + 10) * 1000,
    },
  );
  server.catch(() => undefined);
  await new Promise((r) => setTimeout(r, 300));
  const client = await run(
    "ip",
    [
      "netns",
      "exec",
      pair.sender.name,
      "iperf3",
      "-c",
      pair.receiverAddress,
      "-p",
      "5299",
      "-t",
      String(seconds),
      "-J",
    ],
    { timeout: (seconds + 10) * 1000, maxBuffer: 16 << 20 },
  );
  await server.catch(() => undefined);
  const report = JSON.parse(client.stdout) as {
    end?: { sum_received?: { bits_per_second?: number } };
  };
  const bps = report.end?.sum_received?.bits_per_second;
  if (typeof bps !== "number") throw new Error("iperf3 printed no received rate");
  return bps;
}
