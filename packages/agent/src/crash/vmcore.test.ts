import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CommandResult } from "@fleetdeck/protocol";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { FakeServer } from "../testing/fake-server";
import { eventually } from "../testing/fixtures";
import type { FakeUpload } from "../upload/testing/fake-uploads";
import { type CrashHost, crashHost } from "./testing/crash-host";
import { FakeCrashEndpoints } from "./testing/fake-crashes";
import { CURRENT_BOOT, PREVIOUS_BOOT } from "./testing/fixtures";

const CHUNK = 64 * 1024;
const RHEL_VMCORE = join("127.0.0.1-2024-05-01-10:22:03", "vmcore");

let endpoints: FakeCrashEndpoints;
let server: FakeServer;
let host: CrashHost;

beforeEach(async () => {
  endpoints = new FakeCrashEndpoints();
  endpoints.uploadVmcore = true;
  server = new FakeServer({ routes: endpoints.route });
  await server.start();
  host = await crashHost(server, { uploadChunkBytes: CHUNK });
  await host.boot(PREVIOUS_BOOT);
  await host.start();
  await eventually(() => server.heartbeats.length > 0, 5_000, "the first boot's heartbeat");
  await host.stop();
  await host.boot(CURRENT_BOOT);
  await host.leaveCrashes();
});
afterEach(async () => {
  await host.cleanup();
  await server.stop();
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const uploads = () => [...endpoints.uploads.uploads.values()];

async function run(type: string, args: unknown): Promise<CommandResult> {
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

describe("vmcores", () => {
  test("uploadVmcore sends each dump's vmcore; vmcore.fetch answers with that upload", async () => {
    await host.start();
    await eventually(() => uploads().filter((u) => u.complete).length === 2, 10_000, "2 uploads");
    const rhel = await readFile(join(host.kdumpDir, RHEL_VMCORE));
    const rhelUpload = uploads().find((u) => u.length === rhel.length) as FakeUpload;
    expect(endpoints.uploads.receivedSha256(rhelUpload)).toBe(sha(rhel));
    const crash = endpoints.crashes.find((c) => c.crashId === rhelUpload.crashId);
    expect(crash?.body).toMatchObject({ source: "kdump", bootId: PREVIOUS_BOOT });

    const fetched = await run("vmcore.fetch", {
      crashId: rhelUpload.crashId,
      bootId: PREVIOUS_BOOT,
      source: "kdump",
    });
    expect(fetched.error).toBeNull();
    expect(fetched).toMatchObject({
      state: "succeeded",
      output: { uploadId: rhelUpload.id, bytes: rhel.length, sha256: sha(rhel) },
    });
    expect(uploads()).toHaveLength(2);

    const pstore = await run("vmcore.fetch", {
      crashId: rhelUpload.crashId,
      bootId: PREVIOUS_BOOT,
      source: "pstore",
    });
    expect(pstore).toMatchObject({ state: "failed", error: expect.stringMatching(/only kdump/) });
    const elsewhere = await run("vmcore.fetch", {
      crashId: randomUUID(),
      bootId: "4b4b4b4b-0000-4000-8000-000000000000",
      source: "kdump",
    });
    expect(elsewhere.error).toMatch(/no kdump dump of boot 4b4b4b4b-.* \(dumps there belong to: /);
  }, 20_000);

  test("an upload cut short by an agent stop resumes after the restart", async () => {
    const big = randomBytes(40 * CHUNK + 999);
    await writeFile(join(host.kdumpDir, RHEL_VMCORE), big);
    let stopping: Promise<void> | null = null;
    endpoints.uploads.afterChunk = (u) => {
      if (u.length === big.length && u.offset >= 10 * CHUNK && !stopping) stopping = host.stop();
    };
    await host.start();
    await eventually(() => stopping !== null, 10_000, "the stop mid-upload");
    await stopping;
    const [upload] = uploads().filter((u) => u.length === big.length);
    if (!upload) throw new Error("no upload");
    const cutAt = upload.offset;
    expect(upload.complete).toBe(false);
    expect(cutAt).toBeLessThan(big.length);

    await host.start();
    await eventually(() => upload.complete, 10_000, "the resumed upload");
    expect(uploads().filter((u) => u.length === big.length)).toHaveLength(1);
    expect(endpoints.uploads.receivedSha256(upload)).toBe(sha(big));
    const accepted = upload.puts.filter((p) => p.status === 200);
    expect(accepted.reduce((sum, p) => sum + p.bytes, 0)).toBe(big.length);
    expect(upload.puts.find((p) => p.offset === cutAt)?.status).toBe(200);
  }, 20_000);
});
