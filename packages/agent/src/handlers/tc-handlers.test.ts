import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { dryRunRunner } from "../runner/dry-run";
import { recordingRunner } from "../runner/recording";
import { readHistory } from "../tc/history";
import { tcPaths } from "../tc/paths";
import { readCurrent } from "../tc/records";
import { handlerContext } from "../tc/testing/handler-context";
import { FakeServer } from "../testing/fake-server";
import { eventually, PACKAGE_DIR, tempDir } from "../testing/fixtures";
import { enrolledAgent } from "../testing/harness";
import { HANDLERS, prepareCommand } from ".";
import { type HandlerContext, HandlerError } from "./types";

const spec = JSON.parse(
  readFileSync(
    join(PACKAGE_DIR, "..", "tc", "fixtures", "golden", "htb-nested-kernel", "policy.json"),
    "utf8",
  ),
).spec;
const REV = "abababab-0000-4000-8000-0000000000ab";
const HASH = "a".repeat(64);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function run(type: string, args: unknown, ctx: HandlerContext) {
  const prepared = prepareCommand(type, args, HANDLERS);
  if (!prepared.ok) throw new Error(prepared.error);
  return prepared.run(ctx);
}

async function dryHome() {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return { dir, ctx: handlerContext(dir, dryRunRunner(), undefined, { dryRun: true }) };
}

describe("tc handlers in dry-run mode (the demo fleet without root)", () => {
  test("tc.apply reports applied with a note, records the revision, and can be restored", async () => {
    const { dir, ctx } = await dryHome();
    const args = { revisionId: REV, policyName: "edge", hash: HASH, spec, commitConfirmSeconds: 0 };
    const { output } = await run("tc.apply", args, ctx);
    expect(output).toMatchObject({
      revisionId: REV,
      applied: true,
      restored: false,
      interfaces: ["eth0"],
      note: expect.stringMatching(/^dry-run/),
    });
    expect(await readCurrent(tcPaths(dir))).toMatchObject({
      revisionId: REV,
      hash: HASH,
      policyName: "edge",
      interfaces: ["eth0"],
    });
    const restored = await run("tc.restore", { target: "previous" }, ctx);
    expect(restored.output).toMatchObject({ revisionId: null, restored: true });
    expect((await readHistory(dir)).map((l) => [l.event, l.revisionId])).toEqual([
      ["apply", REV],
      ["restore", null],
    ]);
  });

  test("tc.snapshot stores the state of every interface and names it", async () => {
    const { ctx } = await dryHome();
    const { output } = await run("tc.snapshot", {}, ctx);
    expect(output).toMatchObject({ snapshotId: expect.stringMatching(/^\d{8}T\d+-[0-9a-f]{6}$/) });
    expect((output as { devices: { dev: string }[] }).devices.map((d) => d.dev)).toEqual([
      "eth0",
      "eth1",
      "lo",
      "wg0",
    ]);
  });

  test("tc.dry-run records its namespace commands instead of running them", async () => {
    const seen: string[][] = [];
    const { dir } = await dryHome();
    const ctx = handlerContext(
      dir,
      dryRunRunner((argv) => seen.push([...argv])),
      undefined,
      { dryRun: true },
    );
    const { output } = await run("tc.dry-run", { hash: HASH, spec }, ctx);
    expect(output).toMatchObject({
      ok: true,
      interfaces: ["eth0"],
      note: expect.stringMatching(/^dry-run/),
    });
    const ns = (output as { namespace: string }).namespace;
    expect(seen[0]).toEqual(["ip", "netns", "add", ns]);
    expect(seen.at(-1)).toEqual(["ip", "netns", "del", ns]);
    expect(seen).toContainEqual([
      "ip",
      "-n",
      ns,
      "link",
      "add",
      "name",
      "eth0",
      "type",
      "veth",
      "peer",
      "name",
      "eth0p",
    ]);
  });
});

describe("tc handlers refuse what cannot work, before touching anything", () => {
  test("a spec that does not compile here fails with its errors and runs no tc", async () => {
    const { dir } = await dryHome();
    const runner = recordingRunner();
    const ctx = handlerContext(dir, runner);
    const bad = { version: 1, rules: [{ interfaces: ["nosuch0"], egress: { kind: "pfifo" } }] };
    const args = { revisionId: REV, policyName: "x", hash: HASH, spec: bad };
    const error = await run("tc.apply", args, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandlerError);
    expect((error as HandlerError).message).toMatch(/^policy does not compile here: /);
    // The failed result still carries the structured output: nothing applied, nothing to restore.
    expect((error as HandlerError).output).toMatchObject({
      revisionId: REV,
      applied: false,
      restored: false,
      snapshotId: null,
    });
    expect(runner.calls.filter((c) => c[0] === "tc")).toEqual([]);
  });

  test("tc.restore: nothing recorded, a missing id, a path in the id", async () => {
    const { ctx } = await dryHome();
    await expect(run("tc.restore", { target: "previous" }, ctx)).rejects.toThrow(
      /nothing to restore/,
    );
    await expect(run("tc.restore", { target: "snapshot" }, ctx)).rejects.toThrow(
      /needs a snapshotId/,
    );
    await expect(
      run("tc.restore", { target: "snapshot", snapshotId: "../keys" }, ctx),
    ).rejects.toThrow(/invalid snapshot id/);
    await expect(
      run("tc.restore", { target: "snapshot", snapshotId: "20200101T000000000-abcdef" }, ctx),
    ).rejects.toThrow(/not found/);
  });
});

describe("heartbeats carry the tc status", () => {
  const server = new FakeServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  test("nothing applied: null revision, not pending, no drift", async () => {
    const t = await enrolledAgent(server);
    cleanups.push(() => t.cleanup());
    const beat = await eventually(
      () => server.heartbeats.find((h) => h.hostId === t.hostId),
      5_000,
      "a heartbeat",
    );
    expect(beat.body.tc).toEqual({
      appliedRevisionId: null,
      appliedHash: null,
      appliedAt: null,
      pendingConfirm: false,
      drift: null,
    });
  });
});
