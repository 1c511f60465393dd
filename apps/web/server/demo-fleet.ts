import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createEnrollmentToken } from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import type { Logger } from "./logger";

const run = promisify(execFile);

export interface DemoHost {
  name: string;
  labels: string;
  /** Set when the agent runs inside its own network namespace (as root). */
  netns: string | null;
  process: ChildProcess;
}

const HOSTS = [
  { name: "demo-edge-1", labels: "env=demo, site=fra1, role=edge" },
  { name: "demo-edge-2", labels: "env=demo, site=ams2, role=edge" },
  { name: "demo-core-1", labels: "env=demo, site=fra1, role=core" },
];

const isRoot = process.getuid?.() === 0;

/**
 * Three real agents for the demo organization. As root each runs in its own network
 * namespace behind a veth pair (eth0 inside, 10.213.N.2/30; the server is reached at
 * 10.213.N.1), so tc policies apply to real interfaces. Without root they run on this
 * host in dry-run mode: commands are recorded, not executed, and the UI says so.
 */
export async function startDemoFleet(options: {
  db: Db;
  organizationId: string;
  createdById: string;
  port: number;
  listenHost: string;
  dataDir: string;
  agentBundle: string;
  logger: Logger;
}): Promise<{ hosts: DemoHost[]; stop(): Promise<void> }> {
  const { logger } = options;
  if (!existsSync(options.agentBundle)) {
    logger.warn(
      { bundle: options.agentBundle },
      "agent bundle missing: no demo fleet (build @fleetdeck/agent)",
    );
    return { hosts: [], stop: async () => {} };
  }
  const reachableFromNamespaces = options.listenHost === "0.0.0.0" || options.listenHost === "::";
  const hosts: DemoHost[] = [];
  for (const [index, spec] of HOSTS.entries()) {
    const n = index + 1;
    const netns =
      isRoot && reachableFromNamespaces
        ? await createNamespace(n).catch((error: unknown) => {
            logger.warn(
              { err: error },
              "cannot create a network namespace; this demo agent runs in dry-run mode",
            );
            return null;
          })
        : null;
    const serverUrl = netns
      ? `http://10.213.${n}.1:${options.port}`
      : `http://127.0.0.1:${options.port}`;
    const stateDir = path.join(options.dataDir, "demo-agents", spec.name);
    const env = agentEnv(stateDir, spec.name, serverUrl, netns === null);
    if (!existsSync(path.join(stateDir, "enrollment.json"))) {
      const { token } = await createEnrollmentToken(options.db, {
        organizationId: options.organizationId,
        createdById: options.createdById,
        name: `demo fleet: ${spec.name}`,
        labels: Object.fromEntries(
          spec.labels.split(",").map((pair) => pair.trim().split("=") as [string, string]),
        ),
        maxUses: 1,
        expiresInHours: 1,
        publicUrl: serverUrl,
      });
      await run(
        ...command(netns, [options.agentBundle, "enroll", "--server", serverUrl, "--token", token]),
        { env },
      );
    }
    const [file, args] = command(netns, [options.agentBundle, "run"]);
    const child = spawn(file, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", () => {});
    hosts.push({ name: spec.name, labels: spec.labels, netns, process: child });
  }
  logger.info(
    { hosts: hosts.map((h) => ({ name: h.name, netns: h.netns })) },
    "demo fleet started",
  );
  return {
    hosts,
    async stop() {
      for (const host of hosts) host.process.kill("SIGTERM");
      await Promise.all(
        hosts.map((h) =>
          h.process.exitCode === null ? new Promise((r) => h.process.once("exit", r)) : null,
        ),
      );
      for (const host of hosts)
        if (host.netns) await run("ip", ["netns", "del", host.netns]).catch(() => {});
    },
  };
}

function agentEnv(
  stateDir: string,
  hostname: string,
  serverUrl: string,
  dryRun: boolean,
): NodeJS.ProcessEnv {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const machineIdPath = path.join(stateDir, "machine-id");
  if (!existsSync(machineIdPath))
    writeFileSync(machineIdPath, `${randomBytes(16).toString("hex")}\n`);
  const configPath = path.join(stateDir, "agent.json");
  if (!existsSync(configPath)) writeFileSync(configPath, "{}\n");
  return {
    NODE_ENV: "production",
    PATH: process.env.PATH,
    FLEETDECK_AGENT_CONFIG: configPath,
    FLEETDECK_AGENT_STATE_DIR: stateDir,
    FLEETDECK_AGENT_SERVER_URL: serverUrl,
    FLEETDECK_AGENT_HOSTNAME: hostname,
    FLEETDECK_AGENT_MACHINE_ID_PATH: machineIdPath,
    FLEETDECK_AGENT_DRY_RUN: dryRun ? "1" : "0",
    FLEETDECK_AGENT_LOG_LEVEL: "warn",
  };
}

/** `node bundle …`, inside the namespace when there is one. */
function command(netns: string | null, args: string[]): [string, string[]] {
  return netns
    ? ["ip", ["netns", "exec", netns, process.execPath, ...args]]
    : [process.execPath, args];
}

/** A fresh namespace with `eth0` inside, wired to this host by a veth pair. */
async function createNamespace(n: number): Promise<string> {
  const name = `fd-demo-${n}`;
  const outside = `fd-demo-${n}h`;
  await run("ip", ["netns", "del", name]).catch(() => {});
  await run("ip", ["link", "del", outside]).catch(() => {});
  await run("ip", ["netns", "add", name]);
  await run("ip", ["link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", name]);
  await run("ip", ["addr", "add", `10.213.${n}.1/30`, "dev", outside]);
  await run("ip", ["link", "set", outside, "up"]);
  await run("ip", ["-n", name, "addr", "add", `10.213.${n}.2/30`, "dev", "eth0"]);
  await run("ip", ["-n", name, "link", "set", "eth0", "up"]);
  await run("ip", ["-n", name, "link", "set", "lo", "up"]);
  return name;
}

/** Where the agent bundle is built (packages/agent/dist). */
export function agentBundlePath(repoRoot: string): string {
  return path.join(repoRoot, "packages", "agent", "dist", "fleetdeck-agent.mjs");
}
