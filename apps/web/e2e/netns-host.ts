import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { VOLATILE as AGENT_VOLATILE } from "../../../packages/agent/src/tc/normalise";

const run = promisify(execFile);

/** True when this process may create network namespaces (root with iproute2). */
export async function canUseNetns(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  const probe = `fdprobe${process.pid}`;
  try {
    await run("ip", ["netns", "add", probe]);
    await run("ip", ["netns", "del", probe]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A test host: a network namespace with `eth0` wired to this machine by a veth pair
 * (the agent reaches the server through it) and, when asked, `eth1` wired to a peer
 * namespace (a data link for traffic tests). Addresses: eth0 10.<octet>.<n>.2/30 with the
 * server at .1; eth1 10.<octet+1>.<n>.1/30 with the peer at .2. `prefix` and `octet`
 * keep test files that run at the same time apart.
 */
export class NetnsHost {
  readonly ns: string;
  readonly peer: string;
  private readonly outside: string;

  constructor(
    readonly prefix: string,
    readonly octet: number,
    readonly n: number,
  ) {
    this.ns = `${prefix}${n}`;
    this.peer = `${prefix}${n}p`;
    this.outside = `${prefix}${n}h`;
  }

  get serverAddress(): string {
    return `10.${this.octet}.${this.n}.1`;
  }

  get peerAddress(): string {
    return `10.${this.octet + 1}.${this.n}.2`;
  }

  get dataAddress(): string {
    return `10.${this.octet + 1}.${this.n}.1`;
  }

  async create(options: { dataLink?: boolean } = {}): Promise<this> {
    await this.destroy();
    const ip = (...args: string[]) => run("ip", args);
    await ip("netns", "add", this.ns);
    await ip("link", "add", this.outside, "type", "veth", "peer", "name", "eth0", "netns", this.ns);
    await ip("addr", "add", `${this.serverAddress}/30`, "dev", this.outside);
    await ip("link", "set", this.outside, "up");
    await ip("-n", this.ns, "addr", "add", `10.${this.octet}.${this.n}.2/30`, "dev", "eth0");
    await ip("-n", this.ns, "link", "set", "eth0", "up");
    await ip("-n", this.ns, "link", "set", "lo", "up");
    if (options.dataLink) {
      await ip("netns", "add", this.peer);
      await ip(
        "-n",
        this.ns,
        "link",
        "add",
        "eth1",
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        this.peer,
      );
      await ip("-n", this.ns, "addr", "add", `${this.dataAddress}/30`, "dev", "eth1");
      await ip("-n", this.ns, "link", "set", "eth1", "up");
      await ip("-n", this.peer, "addr", "add", `${this.peerAddress}/30`, "dev", "eth0");
      await ip("-n", this.peer, "link", "set", "eth0", "up");
      await ip("-n", this.peer, "link", "set", "lo", "up");
    }
    return this;
  }

  /** `tc -j …` inside the host's namespace, parsed. */
  async tcJson(args: string[]): Promise<unknown> {
    const { stdout } = await run("ip", ["netns", "exec", this.ns, "tc", "-j", ...args]);
    return JSON.parse(stdout || "[]");
  }

  /**
   * The tc state of `dev` as a person would compare it: qdiscs, classes and filters with
   * counters and kernel-chosen ids left out.
   */
  async tcState(dev: string): Promise<unknown> {
    const strip = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(strip);
      if (value && typeof value === "object")
        return Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => !VOLATILE.has(k))
            .map(([k, v]) => [k, strip(v)]),
        );
      return value;
    };
    return strip({
      qdisc: await this.tcJson(["qdisc", "show", "dev", dev]),
      // iproute2 6.1 prints classes as text even with -j.
      class: (await this.exec(["tc", "class", "show", "dev", dev])).stdout.trim().split("\n"),
      filter: await this.tcJson(["filter", "show", "dev", dev]),
      ingress: await this.tcJson(["filter", "show", "dev", dev, "ingress"]).catch(() => []),
    });
  }

  async exec(argv: string[]): Promise<{ stdout: string; stderr: string }> {
    return run("ip", ["netns", "exec", this.ns, ...argv]);
  }

  /** The kind of the root qdisc on `dev`, if any. */
  async rootQdisc(dev: string): Promise<string | undefined> {
    const qdiscs = (await this.tcJson(["qdisc", "show", "dev", dev])) as {
      kind: string;
      root?: boolean;
    }[];
    return qdiscs.find((q) => q.root)?.kind;
  }

  /** The class ids on `dev` ("class htb 1:10 root …", text: iproute2 6.1 has no JSON here). */
  async classIds(dev: string): Promise<string[]> {
    const { stdout } = await this.exec(["tc", "class", "show", "dev", dev]);
    return [...stdout.matchAll(/^class \S+ (\S+)/gm)].map((m) => m[1] as string).sort();
  }

  /** Renames a link inside the namespace (down, rename, up). */
  async renameLink(from: string, to: string): Promise<void> {
    await this.exec(["ip", "link", "set", from, "down"]);
    await this.exec(["ip", "link", "set", from, "name", to]);
    await this.exec(["ip", "link", "set", to, "up"]);
  }

  async destroy(): Promise<void> {
    await run("ip", ["netns", "del", this.ns]).catch(() => {});
    await run("ip", ["netns", "del", this.peer]).catch(() => {});
    await run("ip", ["link", "del", this.outside]).catch(() => {});
  }
}

/**
 * What the agent leaves out when it compares tc state (counters, install times, kernel
 * indexes), and action reference counts, which a test's rollback may leave elsewhere.
 */
const VOLATILE = new Set([...AGENT_VOLATILE, "ref", "bind"]);

/**
 * iperf3 from the host's namespace to its peer over eth1 for `seconds`; with `reverse`
 * the peer sends (the host's ingress). Returns the received rate in Mbit/s.
 */
export async function iperf(
  host: NetnsHost,
  options: { seconds?: number; reverse?: boolean } = {},
) {
  const port = String(5201 + host.n);
  const server = execFile("ip", ["netns", "exec", host.peer, "iperf3", "-s", "-1", "-p", port]);
  try {
    for (let i = 0; i < 50; i++) {
      const up = await run("ip", ["netns", "exec", host.peer, "ss", "-ltn", `sport = :${port}`]);
      if (up.stdout.includes(port)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { stdout } = await host.exec([
      "iperf3",
      "-c",
      host.peerAddress,
      "-p",
      port,
      "-t",
      String(options.seconds ?? 5),
      "-J",
      ...(options.reverse ? ["-R"] : []),
    ]);
    const result = JSON.parse(stdout) as { end: { sum_received: { bits_per_second: number } } };
    return result.end.sum_received.bits_per_second / 1e6;
  } finally {
    server.kill();
  }
}
