import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../cli/main";
import type { CliIo } from "../cli/types";
import type { AgentConfigInput } from "../config";
import { silentLogger } from "../log";
import { type RunningAgent, type StartOptions, startAgent } from "../loop";
import { type RecordingRunner, recordingRunner } from "../runner/recording";
import type { FakeServer } from "./fake-server";
import { fixtureRoots, tempDir } from "./fixtures";

export interface CapturedIo extends CliIo {
  out: string[];
  err: string[];
  /** Ends `run` as SIGTERM would. */
  stop(): void;
}

export function captureIo(env: NodeJS.ProcessEnv = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  return {
    out,
    err,
    env,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    untilStopped: () => stopped,
    stop: () => stop(),
  };
}

/** Short intervals so reconnects, retries and revocation checks fit in a test. */
export const FAST: AgentConfigInput = {
  heartbeatSeconds: 1,
  reconnectMinMs: 20,
  reconnectMaxMs: 200,
  streamHealthySeconds: 0.2,
  revokedRetrySeconds: 0.3,
  requestTimeoutSeconds: 2,
  logLevel: "error",
};

/** A state dir and a config file pointing at the Debian fixture tree. */
export async function agentHome(extra: AgentConfigInput = {}) {
  const { dir, cleanup } = await tempDir();
  const stateDir = join(dir, "state");
  const config: AgentConfigInput = { ...fixtureRoots(), stateDir, ...FAST, ...extra };
  const configPath = join(dir, "agent.json");
  await writeFile(configPath, JSON.stringify(config));
  return { dir, stateDir, config, configPath, cleanup };
}

export interface TestAgent {
  agent: RunningAgent;
  runner: RecordingRunner;
  stateDir: string;
  hostId: string;
  cleanup(): Promise<void>;
}

/** Enrolls through the CLI against `server`, then starts the daemon in-process. */
export async function enrolledAgent(
  server: FakeServer,
  extra: AgentConfigInput = {},
  options: StartOptions = {},
): Promise<TestAgent> {
  const home = await agentHome(extra);
  const io = captureIo();
  const code = await main(
    ["--config", home.configPath, "enroll", "--server", server.url, "--token", server.issueToken()],
    io,
  );
  if (code !== 0) throw new Error(`enroll failed: ${io.err.join("\n")}`);
  const runner = recordingRunner({ "ip -V": { stdout: "ip utility, iproute2-6.1.0" } });
  const agent = await startAgent(home.config, { runner, log: silentLogger, ...options });
  return {
    agent,
    runner,
    stateDir: home.stateDir,
    hostId: agent.hostId,
    cleanup: async () => {
      await agent.stop();
      await home.cleanup();
    },
  };
}
