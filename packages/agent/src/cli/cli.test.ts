import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { FakeServer } from "../testing/fake-server";
import { agentHome, captureIo } from "../testing/harness";
import { AGENT_VERSION } from "../version";
import { COMMANDS, main } from "./main";

const server = new FakeServer();

/** A port nothing listens on (port 9 would be refused by fetch itself as a "bad port"). */
async function closedPort(): Promise<number> {
  const probe = new FakeServer();
  await probe.start();
  await probe.stop();
  return probe.port;
}
beforeAll(() => server.start());
afterAll(() => server.stop());

let home: Awaited<ReturnType<typeof agentHome>>;
afterEach(() => home?.cleanup());

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(["--config", home.configPath, ...argv], io);
  return { code, out: io.out.join("\n"), err: io.err.join("\n") };
}

describe("fleetdeck-agent CLI", () => {
  test("--version, help, and an unknown command", async () => {
    home = await agentHome();
    expect(await cli("--version")).toMatchObject({ code: 0, out: AGENT_VERSION });
    expect((await cli("--help")).out).toMatch(/usage: fleetdeck-agent/);
    expect(await cli("frobnicate")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/unknown command frobnicate/),
    });
    expect(await cli("status", "--bogus")).toMatchObject({ code: 2 });
    expect(Object.keys(COMMANDS)).toEqual(["enroll", "run", "status", "tc"]);
  });

  test("status on an empty state dir says not enrolled (human and --json)", async () => {
    home = await agentHome();
    const human = await cli("status");
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/enrolled: +no/);
    expect(human.out).toMatch(/daemon: +not running/);
    const json = JSON.parse((await cli("status", "--json")).out);
    expect(json).toMatchObject({
      enrolled: false,
      daemon: null,
      outbox: { queued: 0, dropped: 0 },
      recentCommands: [],
    });
  });

  test("a bad config value is one line and exit 2", async () => {
    home = await agentHome();
    const io = captureIo({ FLEETDECK_AGENT_HEARTBEAT_SECONDS: "-3" });
    expect(await main(["--config", home.configPath, "status"], io)).toBe(2);
    expect(io.err).toEqual([
      expect.stringMatching(/^fleetdeck-agent: invalid agent config: heartbeatSeconds: /),
    ]);
  });

  test("enroll: usage errors", async () => {
    home = await agentHome();
    expect(await cli("enroll", "--server", server.url)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--token/),
    });
    expect(await cli("enroll", "--token", "x".repeat(30), "--server", "ftp://x")).toMatchObject({
      code: 2,
    });
    const labels = await cli(
      "enroll",
      "--server",
      server.url,
      "--token",
      "x".repeat(30),
      "--labels",
      "Env=prod",
    );
    expect(labels).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--labels: "Env=prod": label keys/),
    });
  });

  test("enroll: a refused token and an unreachable server are plain sentences", async () => {
    home = await agentHome();
    const refused = await cli(
      "enroll",
      "--server",
      server.url,
      "--token",
      "tok_wrong_0123456789abcdef",
    );
    expect(refused).toMatchObject({
      code: 1,
      err: expect.stringMatching(
        /refused the enrollment token: it is unknown, expired or already used/,
      ),
    });
    const away = await cli(
      "enroll",
      "--server",
      `http://127.0.0.1:${await closedPort()}`,
      "--token",
      "tok_wrong_0123456789abcdef",
    );
    expect(away).toMatchObject({
      code: 1,
      err: expect.stringMatching(
        /cannot reach the Fleetdeck server at http:\/\/127.0.0.1:\d+: connect ECONNREFUSED/,
      ),
    });
  });

  test("enroll stores the identity (keys mode 600), refuses a second time, --force re-enrolls", async () => {
    home = await agentHome();
    const token = server.issueToken();
    const first = await cli(
      "enroll",
      "--server",
      server.url,
      "--token",
      token,
      "--labels",
      "env=prod,site=fra1",
    );
    expect(first).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^enrolled as host [0-9a-f-]{36} with http/),
    });
    expect(first.out).toContain("labels: env=prod,site=fra1");
    const enrollment = JSON.parse(await readFile(join(home.stateDir, "enrollment.json"), "utf8"));
    expect(enrollment).toMatchObject({
      serverUrl: server.url,
      serverPublicKey: server.keys.publicKey,
      labels: { env: "prod", site: "fra1" },
    });
    expect(server.hosts.get(enrollment.hostId)?.machineId).toBe("0123456789abcdef0123456789abcdef");
    expect((await stat(join(home.stateDir, "keys.json"))).mode & 0o777).toBe(0o600);
    const again = await cli("enroll", "--server", server.url, "--token", server.issueToken());
    expect(again).toMatchObject({
      code: 1,
      err: expect.stringMatching(/already enrolled as host .* --force/),
    });
    const used = await cli("enroll", "--server", server.url, "--token", token, "--force");
    expect(used.code).toBe(1);
    const forced = await cli(
      "enroll",
      "--server",
      server.url,
      "--token",
      server.issueToken(),
      "--force",
    );
    expect(forced.code).toBe(0);
    // Same machine-id as before: the server flags a possible clone, the agent says so.
    expect(forced.err).toMatch(/warning: another host \(.*\) enrolled with the same machine-id/);
    const status = JSON.parse((await cli("status", "--json")).out);
    expect(status.enrolled).toBe(true);
    expect(status.enrollment.hostId).not.toBe(enrollment.hostId);
  });
});
