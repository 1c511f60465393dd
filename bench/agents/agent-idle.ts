import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { stopProcessGroup } from "../../apps/web/e2e/server-process";
import { cpuSeconds, rssBytes } from "./proc";

const run = promisify(execFile);
export const AGENT_BUNDLE = path.resolve(
  import.meta.dirname,
  "../../packages/agent/dist/fleetdeck-agent.mjs",
);

export interface AgentIdle {
  bundleBuiltAt: Date;
  rssAvgMb: number;
  rssMaxMb: number;
  /** Percent of one core over the sampled window. */
  cpuPercent: number;
  seconds: number;
}

/**
 * The built agent, enrolled like any host (in dry-run mode: tc is recorded, not run, so
 * the bench never touches this machine's qdiscs), left alone: RSS every second from
 * /proc/<pid>/status and CPU from /proc/<pid>/stat, after a warm-up.
 */
export async function measureAgentIdle(
  serverUrl: string,
  token: string,
  seconds: number,
  warmupSeconds = 10,
): Promise<AgentIdle> {
  if (!existsSync(AGENT_BUNDLE))
    throw new Error(`${AGENT_BUNDLE} is missing: pnpm --filter @fleetdeck/agent build`);
  const stateDir = mkdtempSync(path.join(tmpdir(), "fleetdeck-bench-agent-"));
  const machineIdPath = path.join(stateDir, "machine-id");
  writeFileSync(machineIdPath, `${randomBytes(16).toString("hex")}\n`);
  writeFileSync(path.join(stateDir, "agent.json"), "{}\n");
  const env = {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "",
    FLEETDECK_AGENT_CONFIG: path.join(stateDir, "agent.json"),
    FLEETDECK_AGENT_STATE_DIR: stateDir,
    FLEETDECK_AGENT_SERVER_URL: serverUrl,
    FLEETDECK_AGENT_HOSTNAME: "bench-real-agent",
    FLEETDECK_AGENT_MACHINE_ID_PATH: machineIdPath,
    FLEETDECK_AGENT_DRY_RUN: "1",
    FLEETDECK_AGENT_LOG_LEVEL: "warn",
  };
  await run(process.execPath, [AGENT_BUNDLE, "enroll", "--server", serverUrl, "--token", token], {
    env,
  });
  const child = spawn(process.execPath, [AGENT_BUNDLE, "run"], {
    env,
    stdio: "ignore",
    detached: true,
  });
  try {
    const pid = child.pid as number;
    await sleep(warmupSeconds * 1000);
    const rss: number[] = [];
    const cpuStart = cpuSeconds(pid);
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      rss.push(rssBytes(pid));
      await sleep(1000);
    }
    const elapsed = (performance.now() - started) / 1000;
    const used = cpuSeconds(pid) - cpuStart;
    if (child.exitCode !== null) throw new Error(`the agent exited (${child.exitCode})`);
    const mb = (b: number) => b / 1024 / 1024;
    return {
      bundleBuiltAt: statSync(AGENT_BUNDLE).mtime,
      rssAvgMb: mb(rss.reduce((a, b) => a + b, 0) / rss.length),
      rssMaxMb: mb(Math.max(...rss)),
      cpuPercent: (used / elapsed) * 100,
      seconds: elapsed,
    };
  } finally {
    await stopProcessGroup(child);
    rmSync(stateDir, { recursive: true, force: true });
  }
}
