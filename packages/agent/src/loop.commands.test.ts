import { randomUUID } from "node:crypto";
import { generateKeyPair } from "@fleetdeck/protocol";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readLedgerEntries } from "./ledger";
import { FakeServer } from "./testing/fake-server";
import { eventually } from "./testing/fixtures";
import { enrolledAgent, type TestAgent } from "./testing/harness";

const server = new FakeServer();
let t: TestAgent;
beforeAll(async () => {
  await server.start();
  t = await enrolledAgent(server);
  await eventually(() => t.agent.status().connection === "connected", 5_000, "the stream");
});
afterAll(async () => {
  await t.cleanup();
  await server.stop();
});

const resultOf = (id: string) =>
  eventually(() => server.resultsFor(id)[0], 5_000, `the result of ${id}`);
const acksOf = (id: string) => server.acks.filter((a) => a.id === id).map((a) => a.ack.state);

describe("commands pushed over the stream", () => {
  test("a command runs once even when delivered twice (same id, then same idempotency key)", async () => {
    const key = `diag:${randomUUID()}`;
    const command = server.sign({
      hostId: t.hostId,
      type: "diagnostics.collect",
      args: { kernelLogLines: 10 },
      idempotencyKey: key,
    });
    server.push(command);
    server.send(command);
    const first = await resultOf(command.id);
    expect(first.state).toBe("succeeded");
    expect(acksOf(command.id)).toEqual(["delivered", "running"]);
    // Reconnecting replays every pending command; a new id with the same key is a duplicate too.
    server.dropStreams();
    const twin = server.sign({
      hostId: t.hostId,
      type: "diagnostics.collect",
      args: {},
      idempotencyKey: key,
    });
    await eventually(
      () => t.agent.status().connection === "connected" && server.streamConnects > 1,
    );
    server.push(twin);
    const twinResult = await resultOf(twin.id);
    await eventually(
      () => server.resultsFor(command.id).length >= 2,
      5_000,
      "the re-posted result",
    );
    expect(t.runner.calls.filter((argv) => argv.join(" ") === "ip -j link")).toHaveLength(1);
    expect(twinResult).toEqual(first);
    expect(server.resultsFor(command.id).every((r) => r.state === "succeeded")).toBe(true);
    expect(acksOf(twin.id)).toEqual([]);
    const ledger = await readLedgerEntries(`${t.stateDir}/ledger.json`);
    expect(ledger.filter((e) => e.idempotencyKey === key)).toHaveLength(1);
  });

  test.each([
    [
      "a tampered signature",
      "bad_signature",
      () => ({ ...server.sign({ hostId: t.hostId }), args: { x: 1 } }),
    ],
    [
      "another server's key",
      "bad_signature",
      () => server.sign({ hostId: t.hostId }, generateKeyPair()),
    ],
    ["another host id", "wrong_host", () => server.sign({ hostId: randomUUID() })],
    [
      "an expired command",
      "expired",
      () => server.sign({ hostId: t.hostId, expiresAt: Date.now() - 1 }),
    ],
    ["an unknown type", "unknown_type", () => server.sign({ hostId: t.hostId, type: "shell.run" })],
    ["bad arguments", "bad_args", () => server.sign({ hostId: t.hostId, args: { loud: true } })],
  ])("%s is refused and reported as rejected (%s)", async (_what, rejection, make) => {
    const command = make();
    server.send(command);
    const result = await resultOf(command.id);
    expect(result).toMatchObject({ state: "rejected", rejection, startedAt: null });
    expect(acksOf(command.id)).toEqual([]);
    const ledger = await readLedgerEntries(`${t.stateDir}/ledger.json`);
    expect(ledger.find((e) => e.id === command.id)).toBeUndefined();
  });

  test("a malformed event without an id is dropped; the stream carries on", async () => {
    server.send({ hello: "there" });
    const ping = server.sign({ hostId: t.hostId });
    server.push(ping);
    expect(await resultOf(ping.id)).toMatchObject({ state: "succeeded", output: { pong: true } });
  });
});
