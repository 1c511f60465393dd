import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CommandResult } from "@fleetdeck/protocol";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { FakeServer } from "../testing/fake-server";
import { eventually } from "../testing/fixtures";
import { LIST_BOOTS, PREVIOUS_BOOT_KERNEL_LOG } from "./collectors/journal";
import { type CrashHost, crashHost } from "./testing/crash-host";
import { FakeCrashEndpoints } from "./testing/fake-crashes";
import {
  CURRENT_BOOT,
  JOURNAL_FIXTURE,
  listBootsJson,
  PREVIOUS_BOOT,
  REVISION_AT_CRASH,
  REVISION_NOW,
} from "./testing/fixtures";

const NEXT_BOOT = "5e5e5e5e-1111-4222-8333-444455556666";
const CRASHES_FOUND = 6; // 3 kdump dumps, 2 pstore records, 1 journal log
const ALL = CRASHES_FOUND + 2; // and 2 kmsg reports

let endpoints: FakeCrashEndpoints;
let server: FakeServer;
let host: CrashHost;

beforeEach(async () => {
  endpoints = new FakeCrashEndpoints();
  server = new FakeServer({ routes: endpoints.route });
  await server.start();
});
afterEach(async () => {
  await host.cleanup();
  await server.stop();
});

/** The previous boot ran the agent and crashed; this boot finds what it left. */
async function crashedAndRebooted(extra = {}) {
  host = await crashHost(server, extra);
  await host.boot(PREVIOUS_BOOT);
  await host.start();
  await eventually(() => server.heartbeats.length > 0, 5_000, "a heartbeat from the first boot");
  await host.stop();
  await host.boot(CURRENT_BOOT);
  await host.leaveCrashes();
  host.journal({
    [LIST_BOOTS.join(" ")]: listBootsJson(),
    [PREVIOUS_BOOT_KERNEL_LOG.join(" ")]: await readFile(
      join(JOURNAL_FIXTURE, "previous-boot.txt"),
      "utf8",
    ),
  });
  await host.start();
}

async function run(type: string, args: unknown = {}): Promise<CommandResult> {
  const command = server.sign({ hostId: host.agent.hostId, type, args });
  server.push(command);
  const [result] = await eventually(
    () => server.resultsFor(command.id).length > 0 && server.resultsFor(command.id),
    10_000,
    `the ${type} result`,
  );
  if (!result) throw new Error("no result");
  return result;
}

describe("crash collection", () => {
  test("each crash once, with the crashed boot, its kernel and its policy revision", async () => {
    await crashedAndRebooted();
    await eventually(() => endpoints.crashes.length === ALL, 10_000, "every crash");
    const bodies = endpoints.crashes.map((c) => c.body);
    const summary = bodies.map((b) => [b.source, b.bootId, b.kernel, b.appliedRevisionId]);
    expect(summary.filter((s) => s[0] !== "kmsg")).toEqual([
      ["kdump", PREVIOUS_BOOT, "3.10.0-1160.el7.x86_64", REVISION_AT_CRASH],
      ["kdump", PREVIOUS_BOOT, "6.1.0-56-amd64", REVISION_AT_CRASH],
      ["kdump", PREVIOUS_BOOT, "6.1.0-56-amd64", REVISION_AT_CRASH],
      ["pstore", PREVIOUS_BOOT, "6.1.0-56-amd64", REVISION_AT_CRASH],
      ["pstore", PREVIOUS_BOOT, "6.1.0-56-amd64", REVISION_AT_CRASH],
      ["journal", PREVIOUS_BOOT, "6.1.0-56-amd64", REVISION_AT_CRASH],
    ]);
    expect(summary.filter((s) => s[0] === "kmsg")).toEqual([
      ["kmsg", CURRENT_BOOT, "6.1.0-56-amd64", REVISION_NOW],
      ["kmsg", CURRENT_BOOT, "6.1.0-56-amd64", REVISION_NOW],
    ]);
    expect(bodies.filter((b) => b.source === "kdump").map((b) => b.vmcoreBytes)).toEqual([
      61440,
      28672,
      null,
    ]);
    // pstore records stay unless pstoreDelete says otherwise.
    expect(await readdir(host.pstoreDir)).toHaveLength(5);

    const rescan = await run("crash.collect");
    expect(rescan).toMatchObject({
      state: "succeeded",
      output: { found: CRASHES_FOUND, reported: 0, duplicates: CRASHES_FOUND, queued: 0 },
    });

    await host.stop();
    await host.start();
    const afterRestart = await run("crash.collect");
    expect(afterRestart.output).toMatchObject({ duplicates: CRASHES_FOUND, reported: 0 });

    // Another reboot: the dumps still on disk keep the boot they were first given.
    await host.stop();
    await host.boot(NEXT_BOOT);
    await writeFile(host.kmsgPath, ""); // a new boot, a new ring buffer
    host.journal({ [LIST_BOOTS.join(" ")]: listBootsJson(CURRENT_BOOT, NEXT_BOOT) });
    await host.start();
    const afterReboot = await run("crash.collect");
    expect(afterReboot.output).toMatchObject({ found: 5, duplicates: 5, reported: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(endpoints.crashes).toHaveLength(ALL);
  }, 30_000);

  test("pstoreDelete removes the records the server accepted, and only those", async () => {
    await crashedAndRebooted({ pstoreDelete: true });
    await eventually(() => endpoints.bySource("pstore").length === 2, 10_000, "pstore crashes");
    await eventually(async () => (await readdir(host.pstoreDir)).length === 1, 5_000, "removal");
    expect(await readdir(host.pstoreDir)).toEqual(["dmesg-ramoops-1"]);
  });

  test("reports wait while the server fails, then arrive once each, in order", async () => {
    endpoints.crashStatus = 503;
    await crashedAndRebooted();
    const queue = join(host.stateDir, "crash", "queue");
    await eventually(async () => (await readdir(queue)).length === ALL, 10_000, "a full queue");
    await host.stop();
    const queued = await Promise.all(
      (await readdir(queue))
        .sort()
        .map(async (name) => JSON.parse(await readFile(join(queue, name), "utf8")).upload.origin),
    );
    endpoints.crashStatus = null;
    await host.start();
    await eventually(() => endpoints.crashes.length === ALL, 10_000, "the queued crashes");
    expect(endpoints.crashes.map((c) => c.body.origin)).toEqual(queued);
    // The server has the last one; the agent marks it seen once the reply is in.
    await eventually(async () => (await readdir(queue)).length === 0, 5_000, "an empty queue");
    const seen = JSON.parse(await readFile(join(host.stateDir, "crash", "seen.json"), "utf8"));
    expect(seen.entries).toHaveLength(ALL);
  }, 20_000);
});
