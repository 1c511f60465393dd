import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { CONFIG_KEYS, ConfigError, envName, loadConfig, parseConfig } from "./config";
import { tempDir } from "./testing/fixtures";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function configFile(content: unknown): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const path = join(dir, "agent.json");
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("config", () => {
  test("defaults describe a real host", () => {
    expect(parseConfig({})).toMatchObject({
      stateDir: "/var/lib/fleetdeck-agent",
      heartbeatSeconds: 15,
      dryRun: false,
      machineIdPath: "/etc/machine-id",
      procRoot: "/proc",
      sysRoot: "/sys",
      pstoreDir: "/sys/fs/pstore",
      logLevel: "info",
      reconnectMinMs: 1_000,
      reconnectMaxMs: 60_000,
    });
  });

  test("every key has an environment variable", () => {
    expect(envName("serverUrl")).toBe("FLEETDECK_AGENT_SERVER_URL");
    expect(envName("stateDir")).toBe("FLEETDECK_AGENT_STATE_DIR");
    expect(envName("heartbeatSeconds")).toBe("FLEETDECK_AGENT_HEARTBEAT_SECONDS");
    expect(CONFIG_KEYS).toContain("machineIdPath");
  });

  test("the environment beats the file, and strings become numbers and booleans", async () => {
    const path = await configFile({ heartbeatSeconds: 30, stateDir: "/srv/a", dryRun: false });
    const config = loadConfig({
      path,
      env: { FLEETDECK_AGENT_HEARTBEAT_SECONDS: "5", FLEETDECK_AGENT_DRY_RUN: "yes" },
    });
    expect(config).toMatchObject({ heartbeatSeconds: 5, stateDir: "/srv/a", dryRun: true });
  });

  test("FLEETDECK_AGENT_CONFIG names the file; --config beats it", async () => {
    const a = await configFile({ logLevel: "debug" });
    const b = await configFile({ logLevel: "warn" });
    expect(loadConfig({ env: { FLEETDECK_AGENT_CONFIG: a } }).logLevel).toBe("debug");
    expect(loadConfig({ path: b, env: { FLEETDECK_AGENT_CONFIG: a } }).logLevel).toBe("warn");
  });

  test("a missing default file is fine, a missing named one is an error", () => {
    expect(() => loadConfig({ env: {} })).not.toThrow();
    expect(() => loadConfig({ path: "/nonexistent/agent.json", env: {} })).toThrow(
      /cannot read agent config \/nonexistent\/agent.json/,
    );
  });

  test.each([
    [{ FLEETDECK_AGENT_HEARTBEAT_SECONDS: "often" }, /^invalid agent config: heartbeatSeconds: /],
    [{ FLEETDECK_AGENT_DRY_RUN: "maybe" }, /^invalid agent config: dryRun: /],
    [{ FLEETDECK_AGENT_LOG_LEVEL: "loud" }, /^invalid agent config: logLevel: /],
    [{ FLEETDECK_AGENT_SERVER_URL: "ftp://x" }, /^invalid agent config: serverUrl: /],
  ])("a bad value is one line naming the key (%o)", (env, message) => {
    let error: unknown;
    try {
      loadConfig({ env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  test("unknown keys and broken JSON in the file are refused", async () => {
    const typo = await configFile({ heartbeatSecs: 5 });
    expect(() => loadConfig({ path: typo, env: {} })).toThrow(/heartbeatSecs/);
    const broken = await configFile("{ nope");
    expect(() => loadConfig({ path: broken, env: {} })).toThrow(/is not JSON/);
  });
});
