import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CommandResult } from "@fleetdeck/protocol";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { Ledger } from "./ledger";
import { tempDir } from "./testing/fixtures";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const ok = (output: unknown = { pong: true }): CommandResult => ({
  v: 1,
  state: "succeeded",
  rejection: null,
  exitCode: 0,
  output,
  stderr: "",
  error: null,
  startedAt: 1,
  finishedAt: 2,
  dryRun: false,
});

const entry = (key: string = randomUUID()) => ({
  id: randomUUID(),
  idempotencyKey: key,
  type: "agent.ping",
  startedAt: Date.now(),
});

describe("ledger", () => {
  test("finds a command by id and by idempotency key, across a restart", async () => {
    const path = join(dir, "ledger.json");
    const ledger = await Ledger.open(path, 100);
    const a = entry("ping:1");
    await ledger.begin(a);
    expect(ledger.find(a.id, "other")?.result).toBeNull();
    await ledger.finish(a.id, ok());
    const reopened = await Ledger.open(path, 100);
    expect(reopened.find(a.id, "x")?.result?.state).toBe("succeeded");
    expect(reopened.find(randomUUID(), "ping:1")?.id).toBe(a.id);
    expect(reopened.find(randomUUID(), "ping:2")).toBeUndefined();
  });

  test("an entry begun but never finished survives as running (interrupted)", async () => {
    const path = join(dir, "ledger.json");
    const a = entry();
    await (await Ledger.open(path, 100)).begin(a);
    expect((await Ledger.open(path, 100)).find(a.id, a.idempotencyKey)?.result).toBeNull();
  });

  test("is bounded: the oldest entries go first", async () => {
    const path = join(dir, "ledger.json");
    const ledger = await Ledger.open(path, 10);
    const all = Array.from({ length: 15 }, () => entry());
    for (const e of all) await ledger.begin(e);
    const reopened = await Ledger.open(path, 10);
    expect(reopened.size).toBe(10);
    expect(reopened.find(all[0]?.id ?? "", "-")).toBeUndefined();
    expect(reopened.find(all[14]?.id ?? "", "-")).toBeDefined();
    expect(reopened.recent(2).map((e) => e.id)).toEqual([all[14]?.id, all[13]?.id]);
  });

  test("concurrent updates are serialized; the file is always whole and no temp is left", async () => {
    const path = join(dir, "ledger.json");
    const ledger = await Ledger.open(path, 1_000);
    const entries = Array.from({ length: 40 }, () => entry());
    await Promise.all(entries.map((e) => ledger.begin(e)));
    await Promise.all(entries.map((e) => ledger.finish(e.id, ok())));
    const file = JSON.parse(await readFile(path, "utf8"));
    expect(file.entries).toHaveLength(40);
    expect(file.entries.every((e: { result: unknown }) => e.result !== null)).toBe(true);
    expect(await readdir(dir)).toEqual(["ledger.json"]);
  });

  test("a huge output is stored as a stub (the full one went to the server)", async () => {
    const ledger = await Ledger.open(join(dir, "ledger.json"), 10);
    const a = entry();
    await ledger.begin(a);
    await ledger.finish(a.id, ok({ blob: "x".repeat(300_000) }));
    expect(ledger.find(a.id, "-")?.result?.output).toEqual({ truncated: true, chars: 300_011 });
  });
});
