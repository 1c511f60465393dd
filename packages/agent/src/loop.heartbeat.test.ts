import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FakeServer } from "./testing/fake-server";
import { eventually } from "./testing/fixtures";
import { enrolledAgent, type TestAgent } from "./testing/harness";
import { AGENT_VERSION } from "./version";

const server = new FakeServer({ heartbeatIntervalSeconds: 1 });
let t: TestAgent;
beforeAll(async () => {
  await server.start();
  t = await enrolledAgent(server, { dryRun: true });
});
afterAll(async () => {
  await t.cleanup();
  await server.stop();
});

const beats = () => server.heartbeats.filter((h) => h.hostId === t.hostId).map((h) => h.body);

describe("heartbeat against the fake server", () => {
  test("heartbeats arrive signed, counted, and carry facts only when needed", async () => {
    await eventually(() => beats().length >= 3, 6_000, "three heartbeats");
    const [first, second, third] = beats();
    expect(first).toMatchObject({
      version: 1,
      seq: 1,
      bootId: "5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f",
      uptimeSeconds: 12345.67,
      agentVersion: AGENT_VERSION,
      dryRun: true,
      facts: { hostname: "edge-fra1-03", machineId: "0123456789abcdef0123456789abcdef" },
    });
    expect(second?.seq).toBe(2);
    expect(second?.facts).toBeUndefined();
    expect(third?.facts).toBeUndefined();
    expect(second?.factsHash).toBe(first?.factsHash);
    expect(server.signatureFailures).toBe(0);
  });

  test("the server's sendFacts brings the facts back on the next heartbeat", async () => {
    server.sendFacts = true;
    const asked = beats().length;
    await eventually(() => beats().length >= asked + 1, 3_000, "a heartbeat answered sendFacts");
    server.sendFacts = false;
    const answered = beats().length;
    await eventually(() => beats().length >= answered + 1, 3_000, "the next heartbeat");
    expect(beats()[answered]?.facts).toBeDefined();
  });

  test("facts.refresh returns the facts and sends them with the next heartbeat", async () => {
    const command = server.sign({ hostId: t.hostId, type: "facts.refresh" });
    server.push(command);
    const [result] = await eventually(
      () => server.resultsFor(command.id).length > 0 && server.resultsFor(command.id),
    );
    expect(result).toMatchObject({
      state: "succeeded",
      dryRun: true,
      output: { hostname: "edge-fra1-03" },
    });
    const after = beats().length;
    await eventually(() => beats().length > after, 3_000, "a heartbeat after facts.refresh");
    expect(beats()[after]?.facts).toBeDefined();
  });

  test("status() and status.json tell the same story", async () => {
    const live = t.agent.status();
    expect(live).toMatchObject({
      running: true,
      hostId: t.hostId,
      connection: "connected",
      dryRun: true,
      revokedAt: null,
      heartbeat: { lastOk: true, lastStatus: 200, intervalSeconds: 1 },
      outbox: { queued: 0, dropped: 0 },
    });
    const file = await eventually(async () => {
      const s = JSON.parse(await readFile(join(t.stateDir, "status.json"), "utf8"));
      return s.connection === "connected" && s.heartbeat.lastOk === true && s;
    });
    expect(file.pid).toBe(process.pid);
  });
});
