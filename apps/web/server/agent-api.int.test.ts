import { createDb, type Db } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { AGENT_PATHS } from "@fleetdeck/protocol";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fakeFacts, TestAgent } from "../e2e/agent-client";
import { seedSignedInUser } from "../e2e/fixtures";
import { type RunningServer, startServer } from "../e2e/server-process";
import { callerFor } from "./trpc-caller";

let server: RunningServer;
let db: Db;
let dropDatabase: () => Promise<void>;
let admin: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  db = createDb(database.url, { max: 3 });
  const user = await seedSignedInUser(db, {
    email: "ops@acme.test",
    orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
  });
  server = await startServer(database.url, { FLEETDECK_HEARTBEAT_SECONDS: "1" });
  admin = await callerFor(server, user.sessionToken, "acme");
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
  await dropDatabase?.();
});

async function newToken(options: { maxUses?: number | null; labels?: string } = {}) {
  const created = await admin.mutate("fleet.createEnrollmentToken", {
    name: "test",
    labels: options.labels ?? "env=test",
    maxUses: options.maxUses ?? null,
    expiresInHours: 1,
  });
  return created.token as string;
}

describe("agent enrollment", () => {
  test("a token enrolls a host with the token's labels and the server's pinned key", async () => {
    const agent = new TestAgent(server.url, fakeFacts("web-1"));
    const { status, body } = await agent.enroll(await newToken({ labels: "env=prod, site=fra1" }));
    expect(status).toBe(201);
    expect(body).toMatchObject({
      version: 1,
      labels: { env: "prod", site: "fra1" },
      possibleCloneOf: null,
      heartbeatIntervalSeconds: 1,
    });
    expect(body.serverPublicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test("a single-use token enrolls one host, even when two race", async () => {
    const token = await newToken({ maxUses: 1 });
    const results = await Promise.all([
      new TestAgent(server.url, fakeFacts("a")).enroll(token),
      new TestAgent(server.url, fakeFacts("b")).enroll(token),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 401]);
  });

  test("an unknown token is refused with a plain message", async () => {
    const { status, body } = await new TestAgent(server.url, fakeFacts("x")).enroll(
      "fdet_not-a-real-token-at-all-0123456789",
    );
    expect(status).toBe(401);
    expect(body.error?.message).toMatch(/unknown, expired, revoked or used up/);
  });

  test("a cloned machine-id is flagged, not merged", async () => {
    const token = await newToken();
    const facts = fakeFacts("db-1");
    const original = new TestAgent(server.url, facts);
    await original.enroll(token);
    const clone = new TestAgent(server.url, { ...facts, hostname: "db-1-copy" });
    const { body } = await clone.enroll(token);
    expect(body.possibleCloneOf).toBe(original.hostId);
    expect(clone.hostId).not.toBe(original.hostId);
    const rows = await db.prisma.host.findMany({
      where: { machineId: facts.machineId },
      select: { id: true, publicKey: true },
    });
    expect(rows).toHaveLength(2);
    const detail = await admin.query("fleet.host", { hostId: clone.hostId });
    expect(detail.possibleCloneOf).toMatchObject({ id: original.hostId });
  });
});

describe("signed agent requests", () => {
  let a: TestAgent;
  let b: TestAgent;

  beforeAll(async () => {
    const token = await newToken();
    a = new TestAgent(server.url, fakeFacts("host-a"));
    b = new TestAgent(server.url, fakeFacts("host-b"));
    await a.enroll(token);
    await b.enroll(token);
  });

  test("a heartbeat is accepted and the host shows online with its facts", async () => {
    const res = await a.heartbeat(1, true);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 1, sendFacts: false });
    await expect
      .poll(async () => (await admin.query("fleet.host", { hostId: a.hostId })).online, {
        timeout: 5000,
      })
      .toBe(true);
    const detail = await admin.query("fleet.host", { hostId: a.hostId });
    expect(detail.kernelRelease).toBe("6.1.0-56-amd64");
  });

  test("a request signed by host A claiming to be host B is refused", async () => {
    const res = await a.heartbeat(2, false, { as: b.hostId });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { problem: "bad_signature" } });
  });

  test("a replayed request is refused", async () => {
    const body = JSON.stringify({
      version: 1,
      seq: 3,
      bootId: "x",
      uptimeSeconds: 1,
      agentVersion: "t",
      factsHash: "b".repeat(64),
    });
    const headers = {
      "content-type": "application/json",
      ...a.sign("POST", AGENT_PATHS.heartbeat, body),
    };
    const first = await fetch(`${server.url}${AGENT_PATHS.heartbeat}`, {
      method: "POST",
      headers,
      body,
    });
    const again = await fetch(`${server.url}${AGENT_PATHS.heartbeat}`, {
      method: "POST",
      headers,
      body,
    });
    expect(first.status).toBe(200);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { problem: "replay" } });
  });

  test("a request outside ±60 s is refused", async () => {
    const res = await a.heartbeat(4, false, { at: Date.now() - 61_000 });
    expect(await res.json()).toMatchObject({ error: { problem: "clock_skew" } });
  });

  test("an unsigned request, and a tampered body, are refused", async () => {
    const unsigned = await fetch(`${server.url}${AGENT_PATHS.heartbeat}`, {
      method: "POST",
      body: "{}",
    });
    expect(unsigned.status).toBe(401);
    const body = JSON.stringify({
      version: 1,
      seq: 5,
      bootId: "x",
      uptimeSeconds: 1,
      agentVersion: "t",
      factsHash: "c".repeat(64),
    });
    const headers = {
      "content-type": "application/json",
      ...a.sign("POST", AGENT_PATHS.heartbeat, body),
    };
    const tampered = await fetch(`${server.url}${AGENT_PATHS.heartbeat}`, {
      method: "POST",
      headers,
      body: body.replace('"seq":5', '"seq":6'),
    });
    expect(tampered.status).toBe(401);
  });

  test("a revoked host gets 401 on its next request, and its stream is closed", async () => {
    const token = await newToken();
    const doomed = new TestAgent(server.url, fakeFacts("doomed"));
    await doomed.enroll(token);
    expect((await doomed.heartbeat(1)).status).toBe(200);
    await admin.mutate("fleet.revoke", { hostId: doomed.hostId });
    const res = await doomed.heartbeat(2);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { problem: "revoked" } });
  });

  test("a host goes offline after three missed heartbeats", async () => {
    await b.heartbeat(1);
    await expect
      .poll(async () => (await admin.query("fleet.host", { hostId: b.hostId })).online, {
        timeout: 5000,
      })
      .toBe(true);
    await expect
      .poll(async () => (await admin.query("fleet.host", { hostId: b.hostId })).online, {
        timeout: 15_000,
        interval: 500,
      })
      .toBe(false);
    const detail = await admin.query("fleet.host", { hostId: b.hostId });
    expect(detail.statusEvents.map((e: { status: string }) => e.status).slice(0, 2)).toEqual([
      "offline",
      "online",
    ]);
  });
});
