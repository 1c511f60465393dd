import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const AGENT_BUNDLE = path.resolve(
  import.meta.dirname,
  "../../../packages/agent/dist/fleetdeck-agent.mjs",
);

/**
 * A real agent process (the bundled fleetdeck-agent) in its own state directory, with
 * short intervals so reconnects and expiries fit in a test.
 */
export class AgentProcess {
  readonly dir = mkdtempSync(path.join(tmpdir(), "fleetdeck-agent-"));
  readonly stateDir = path.join(this.dir, "state");
  private child: ChildProcess | null = null;
  output = "";

  constructor(
    readonly hostname: string,
    private readonly options: {
      dryRun?: boolean;
      netns?: string;
      env?: Record<string, string>;
    } = {},
  ) {
    mkdirSync(this.stateDir, { recursive: true });
    writeFileSync(path.join(this.dir, "machine-id"), `${randomBytes(16).toString("hex")}\n`);
    writeFileSync(path.join(this.dir, "agent.json"), "{}\n");
  }

  env(serverUrl: string): NodeJS.ProcessEnv {
    return {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      FLEETDECK_AGENT_CONFIG: path.join(this.dir, "agent.json"),
      FLEETDECK_AGENT_STATE_DIR: this.stateDir,
      FLEETDECK_AGENT_SERVER_URL: serverUrl,
      FLEETDECK_AGENT_HOSTNAME: this.hostname,
      FLEETDECK_AGENT_MACHINE_ID_PATH: path.join(this.dir, "machine-id"),
      FLEETDECK_AGENT_DRY_RUN: this.options.dryRun === false ? "0" : "1",
      FLEETDECK_AGENT_HEARTBEAT_SECONDS: "1",
      FLEETDECK_AGENT_RECONNECT_MIN_MS: "100",
      FLEETDECK_AGENT_RECONNECT_MAX_MS: "1000",
      FLEETDECK_AGENT_STREAM_HEALTHY_SECONDS: "1",
      FLEETDECK_AGENT_LOG_LEVEL: "warn",
      ...this.options.env,
    };
  }

  private argv(args: string[]): [string, string[]] {
    return this.options.netns
      ? ["ip", ["netns", "exec", this.options.netns, process.execPath, AGENT_BUNDLE, ...args]]
      : [process.execPath, [AGENT_BUNDLE, ...args]];
  }

  async enroll(serverUrl: string, token: string): Promise<string> {
    const [file, args] = this.argv(["enroll", "--server", serverUrl, "--token", token]);
    await run(file, args, { env: this.env(serverUrl) });
    return this.hostId();
  }

  hostId(): string {
    return JSON.parse(readFileSync(path.join(this.stateDir, "enrollment.json"), "utf8"))
      .hostId as string;
  }

  start(serverUrl: string): void {
    const [file, args] = this.argv(["run"]);
    this.child = spawn(file, args, { env: this.env(serverUrl), stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout?.on("data", (d) => (this.output += d));
    this.child.stderr?.on("data", (d) => (this.output += d));
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }

  /** The agent killed outright (no shutdown): what a power cut or OOM kill does. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  /** Command ids the agent has started, from its ledger on disk. */
  ledger(): {
    id: string;
    idempotencyKey: string;
    startedAt?: number;
    result?: { state: string };
  }[] {
    try {
      const raw = JSON.parse(readFileSync(path.join(this.stateDir, "ledger.json"), "utf8"));
      return Array.isArray(raw) ? raw : (raw.entries ?? []);
    } catch {
      return [];
    }
  }
}
