import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isolatedBundle, BUNDLE_FLAGS } from "./testing/bundle";
import { FakeServer } from "./testing/fake-server";
import { eventually, fixtureRoots, PACKAGE_DIR, tempDir } from "./testing/fixtures";
import { AGENT_VERSION } from "./version";

const run = promisify(execFile);
let dir: string;
let cleanup: () => Promise<void>;
let bundle: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("fleetdeck-bundle-"));
  bundle = await isolatedBundle(dir);
});
afterAll(() => cleanup());

/** Nothing but PATH and what the test sets: no NODE_PATH, no inherited config. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_PATH: "", ...extra };
}

const agentEnv = () => {
  const roots = fixtureRoots();
  return env({
    FLEETDECK_AGENT_STATE_DIR: join(dir, "state"),
    FLEETDECK_AGENT_PROC_ROOT: roots.procRoot,
    FLEETDECK_AGENT_SYS_ROOT: roots.sysRoot,
    FLEETDECK_AGENT_MACHINE_ID_PATH: roots.machineIdPath,
    FLEETDECK_AGENT_OS_RELEASE_PATH: roots.osReleasePath,
    FLEETDECK_AGENT_RECONNECT_MIN_MS: "20",
    FLEETDECK_AGENT_LOG_LEVEL: "warn",
  });
};

describe("the built bundle", () => {
  test("the build script bundles with the same options as this test", async () => {
    const pkg = JSON.parse(await readFile(join(PACKAGE_DIR, "package.json"), "utf8"));
    for (const flag of BUNDLE_FLAGS) expect(pkg.scripts.build).toContain(flag);
    expect(pkg.bin["fleetdeck-agent"]).toBe("./dist/fleetdeck-agent.mjs");
  });

  test("is one self-contained file: --version and status run from an empty dir", async () => {
    const text = await readFile(bundle, "utf8");
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(text).not.toMatch(/from\s*["'](zod|@fleetdeck\/[^"']+)["']/);
    const version = await run(process.execPath, [bundle, "--version"], { cwd: dir, env: env() });
    expect(version.stdout.trim()).toBe(AGENT_VERSION);
    const status = await run(process.execPath, [bundle, "status", "--json"], {
      cwd: dir,
      env: agentEnv(),
    });
    expect(JSON.parse(status.stdout)).toMatchObject({ enrolled: false, daemon: null });
  });

  test("enrolls, runs as a real process, heartbeats, and stops cleanly on SIGTERM", async () => {
    const server = new FakeServer();
    await server.start();
    let child: ChildProcess | undefined;
    try {
      const token = server.issueToken();
      await run(process.execPath, [bundle, "enroll", "--server", server.url, "--token", token], {
        cwd: dir,
        env: agentEnv(),
      });
      child = spawn(process.execPath, [bundle, "run"], {
        cwd: dir,
        env: agentEnv(),
        stdio: "ignore",
      });
      const exited = new Promise<number | null>((resolve) =>
        child?.on("exit", (code) => resolve(code)),
      );
      await eventually(() => server.heartbeats.length > 0, 10_000, "a heartbeat from the process");
      const ping = server.sign({ hostId: server.heartbeats[0]?.hostId ?? "" });
      await eventually(() => server.streamConnects > 0, 5_000, "the stream");
      server.push(ping);
      await eventually(() => server.resultsFor(ping.id).length > 0, 5_000, "the ping result");
      const second = await run(process.execPath, [bundle, "run"], {
        cwd: dir,
        env: agentEnv(),
        timeout: 10_000,
      }).catch((error: { code: number; stderr: string }) => error);
      expect(second).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/another fleetdeck-agent \(pid \d+\) runs on/),
      });
      const human = await run(process.execPath, [bundle, "status"], { cwd: dir, env: agentEnv() });
      expect(human.stdout).toMatch(/daemon: +running \(pid \d+\)/);
      expect(human.stdout).toMatch(/agent\.ping +succeeded/);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const status = JSON.parse(await readFile(join(dir, "state", "status.json"), "utf8"));
      expect(status).toMatchObject({ running: false, connection: "disconnected" });
    } finally {
      child?.kill("SIGKILL");
      await server.stop();
    }
  }, 30_000);
});
