import { randomUUID } from "node:crypto";
import { join } from "node:path";
import {
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  signCommand,
} from "@fleetdeck/protocol";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ServerApi } from "./api";
import type { AgentClient } from "./client";
import { parseConfig } from "./config";
import { CommandExecutor } from "./executor";
import { FactsSource } from "./facts/source";
import { HANDLERS } from "./handlers";
import { Ledger } from "./ledger";
import { silentLogger } from "./log";
import { Outbox } from "./outbox";
import { recordingRunner } from "./runner/recording";
import { initialStatus, StatusBoard } from "./state/status";
import { fixtureRoots, tempDir } from "./testing/fixtures";

const server = generateKeyPair();
const hostId = randomUUID();
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

/** An executor whose acks take `ackMs` of a fake clock, posting nowhere. */
async function executor(options: { ackMs?: number } = {}) {
  let clock = 1_000_000;
  const posted: { path: string; body: unknown }[] = [];
  const client: AgentClient = {
    serverUrl: "http://fleetdeck.invalid",
    post: async (path, body) => {
      posted.push({ path, body });
      if (path.endsWith("/ack")) clock += options.ackMs ?? 0;
      return { status: 200, json: null, text: "" };
    },
    request: () => Promise.reject(new Error("no uploads here")),
    openStream: () => Promise.reject(new Error("no stream here")),
    close: () => {},
  };
  const status = new StatusBoard(join(dir, "status.json"), initialStatus(hostId, "x", false));
  const config = parseConfig({ ...fixtureRoots(), stateDir: dir });
  const runner = recordingRunner();
  const ledger = await Ledger.open(join(dir, "ledger.json"), 100);
  const outbox = await Outbox.open(join(dir, "outbox"), 100);
  const exec = new CommandExecutor({
    hostId,
    serverKey: importPublicKey(server.publicKey),
    ledger,
    outbox,
    api: new ServerApi(client, status, silentLogger, 60),
    status,
    log: silentLogger,
    context: {
      config,
      runner,
      facts: new FactsSource(config, runner),
      requestFacts: () => {},
      signal: new AbortController().signal,
      agentStartedAt: 0,
    },
    kickOutbox: () => {},
    handlers: HANDLERS,
    now: () => clock,
  });
  const results = async () => {
    const out: unknown[] = [];
    for (let e = await outbox.peek(); e; e = await outbox.peek()) {
      out.push(e.item.body);
      await outbox.remove(e.name);
    }
    return out;
  };
  return { exec, posted, ledger, results, now: () => clock };
}

const command = (fields: { expiresAt: number; idempotencyKey?: string; id?: string }) =>
  signCommand(importPrivateKey(server), {
    v: 1,
    id: fields.id ?? randomUUID(),
    hostId,
    type: "agent.ping",
    args: {},
    idempotencyKey: fields.idempotencyKey ?? randomUUID(),
    createdAt: 0,
    expiresAt: fields.expiresAt,
  });

describe("command executor", () => {
  test("expiry is checked again right before starting", async () => {
    const { exec, results, ledger } = await executor({ ackMs: 5_000 });
    const late = command({ expiresAt: 1_000_000 + 3_000 });
    exec.submit(late);
    await exec.idle();
    expect(await results()).toEqual([
      expect.objectContaining({ state: "rejected", rejection: "expired" }),
    ]);
    expect(ledger.size).toBe(0);
  });

  test("a command interrupted by a restart is reported failed, never run again", async () => {
    const first = await executor();
    const c = command({ expiresAt: 2_000_000 });
    await first.ledger.begin({
      id: c.id,
      idempotencyKey: c.idempotencyKey,
      type: c.type,
      startedAt: 1,
    });
    const second = await executor();
    second.exec.submit(c);
    second.exec.submit(command({ expiresAt: 2_000_000, idempotencyKey: c.idempotencyKey }));
    await second.exec.idle();
    const reported = await second.results();
    expect(reported).toHaveLength(2);
    expect(reported[0]).toMatchObject({
      state: "failed",
      error: expect.stringMatching(/^interrupted/),
    });
    expect(reported[1]).toEqual(reported[0]);
    expect(second.posted).toEqual([]);
  });

  test("a malformed message without an id is only logged; with an id it is reported", async () => {
    const { exec, results } = await executor();
    exec.submit({ nonsense: true });
    const id = randomUUID();
    exec.submit({ id, type: "agent.ping" });
    await exec.idle();
    expect(await results()).toEqual([
      expect.objectContaining({ state: "rejected", rejection: "bad_signature" }),
    ]);
  });
});
