import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HANDLERS } from "./handlers";
import { FakeServer } from "./testing/fake-server";
import { eventually } from "./testing/fixtures";
import { enrolledAgent, type TestAgent } from "./testing/harness";

const server = new FakeServer();
let t: TestAgent;
/** agent.ping waits on this gate, so a test can take the server away mid-command. */
let openGate: () => void = () => {};
let gate: Promise<void> = Promise.resolve();

beforeAll(async () => {
  await server.start();
  const handlers = {
    ...HANDLERS,
    "agent.ping": async (...args: Parameters<(typeof HANDLERS)["agent.ping"]>) => {
      await gate;
      return HANDLERS["agent.ping"](...args);
    },
  };
  t = await enrolledAgent(server, {}, { handlers });
  await eventually(() => t.agent.status().connection === "connected", 5_000, "the stream");
});
afterAll(async () => {
  await t.cleanup();
  await server.stop();
});

const outboxFiles = async () =>
  (await readdir(join(t.stateDir, "outbox"))).filter((n) => /^\d+\.json$/.test(n));

describe("when the server goes away", () => {
  test("the agent reconnects after a restart and gets the command queued meanwhile", async () => {
    const connects = server.streamConnects;
    await server.stop();
    await eventually(() => t.agent.status().connection !== "connected", 5_000, "the disconnect");
    const command = server.sign({ hostId: t.hostId });
    server.pending.push(command);
    await server.start();
    const [result] = await eventually(
      () => server.resultsFor(command.id).length > 0 && server.resultsFor(command.id),
      5_000,
      "the queued command's result",
    );
    expect(result).toMatchObject({ state: "succeeded", output: { pong: true } });
    expect(server.streamConnects).toBeGreaterThan(connects);
    expect(t.agent.status().connection).toBe("connected");
  });

  test("the outbox holds a result while the server is down and delivers it after", async () => {
    gate = new Promise((resolve) => {
      openGate = resolve;
    });
    const command = server.sign({ hostId: t.hostId });
    server.push(command);
    await eventually(
      () => server.acks.some((a) => a.id === command.id && a.ack.state === "running"),
      5_000,
      "the running ack",
    );
    await server.stop();
    openGate();
    await eventually(() => t.agent.status().outbox.queued === 1, 5_000, "the queued result");
    expect(await outboxFiles()).toHaveLength(1);
    expect(server.resultsFor(command.id)).toEqual([]);
    await server.start();
    const [result] = await eventually(
      () => server.resultsFor(command.id).length > 0 && server.resultsFor(command.id),
      5_000,
      "the delivered result",
    );
    expect(result).toMatchObject({ state: "succeeded", output: { pong: true } });
    await eventually(() => t.agent.status().outbox.queued === 0, 5_000, "an empty outbox");
    // The file goes just after the count: give the unlink its moment.
    await eventually(async () => (await outboxFiles()).length === 0, 5_000, "no outbox file");
  });

  test("a 401 marks the host revoked, slows down, and recovers when accepted again", async () => {
    server.revoke(t.hostId);
    server.dropStreams();
    await eventually(() => t.agent.status().connection === "revoked", 5_000, "the revoked state");
    expect(t.agent.status().revokedAt).not.toBeNull();
    // Retries every revokedRetrySeconds (0.3 s here), not at reconnect speed (20 ms).
    const refused = server.unauthorized;
    await new Promise((r) => setTimeout(r, 900));
    expect(server.unauthorized - refused).toBeLessThanOrEqual(8);
    const attempts = server.streamConnects;
    server.revoke(t.hostId, false);
    await eventually(() => t.agent.status().connection === "connected", 5_000, "the reconnect");
    expect(t.agent.status().revokedAt).toBeNull();
    expect(server.streamConnects).toBe(attempts + 1);
  });
});
