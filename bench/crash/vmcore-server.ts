/**
 * A 4 GiB vmcore through the real product over loopback: the built agent (as a process)
 * finds a kdump dump, the real server (apps/web/server/main.ts, database and blob store on
 * this machine) asks for the vmcore because the organization collects them, and the agent
 * hashes and uploads it in chunks. Prints the upload rate and the server's RSS, sampled
 * every 100 ms from before the report to after the blob is stored. Asserts nothing.
 *
 * Needs `pnpm --filter @fleetdeck/agent build` and ~4 GiB free under the temp directory.
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/crash/vmcore-server.ts
 * VMCORE_MIB (default 4096) sets the size.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  cpSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/test-server";
import { AgentProcess } from "../../apps/web/e2e/agent-process";
import { seedSignedInUser } from "../../apps/web/e2e/fixtures";
import { startServer } from "../../apps/web/e2e/server-process";
import { callerFor } from "../../apps/web/server/trpc-caller";

const MIB = 1024 ** 2;
const SIZE = Number(process.env.VMCORE_MIB ?? 4096) * MIB;
const repo = path.resolve(import.meta.dirname, "../..");

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
}

const work = mkdtempSync(path.join(tmpdir(), "fleetdeck-vmcore-server-"));
const database = await createTestDatabase();
const db = createDb(database.url, { max: 2 });
const user = await seedSignedInUser(db, {
  email: "bench@acme.test",
  name: "Bench",
  orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
});
const server = await startServer(database.url, {
  FLEETDECK_HEARTBEAT_SECONDS: "1",
  FLEETDECK_DATA_DIR: path.join(work, "server"),
});
const serverPid = server.process.pid as number;
const kdump = path.join(work, "crash");
const agent = new AgentProcess("bench-vmcore", {
  dryRun: false,
  env: {
    FLEETDECK_AGENT_KDUMP_DIR: kdump,
    FLEETDECK_AGENT_PSTORE_DIR: path.join(work, "pstore"),
    FLEETDECK_AGENT_JOURNAL_DIR: path.join(work, "no-journal"),
    FLEETDECK_AGENT_KMSG_PATH: "",
    FLEETDECK_AGENT_CRASH_SCAN_SECONDS: "1",
  },
});
try {
  mkdirSync(kdump);
  mkdirSync(path.join(work, "pstore"));
  const admin = await callerFor(server, user.sessionToken, "acme");
  await admin.mutate("org.setCrashSettings", { collectVmcores: true });
  const { token } = await admin.mutate("fleet.createEnrollmentToken", {
    name: "bench",
    labels: "",
    maxUses: 1,
    expiresInHours: 1,
  });
  await agent.enroll(server.url, token);
  agent.start(server.url);
  // Let the agent connect and the server settle before the baseline.
  await new Promise((r) => setTimeout(r, 5_000));

  // A sparse vmcore with a random MiB every 256 MiB: reads cost little disk, hashing is real.
  const dump = path.join(kdump, "127.0.0.1-2026-11-27-13:00:00");
  mkdirSync(dump);
  const vmcore = path.join(dump, "vmcore");
  const fd = openSync(vmcore, "w");
  ftruncateSync(fd, SIZE);
  for (let at = 0; at < SIZE; at += 256 * MIB) writeSync(fd, randomBytes(MIB), 0, MIB, at);
  closeSync(fd);

  const samples: { at: number; kb: number }[] = [];
  const baseline = await rssKb(serverPid);
  const started = performance.now();
  const sampler = setInterval(async () => {
    samples.push({ at: performance.now() - started, kb: await rssKb(serverPid) });
  }, 100);
  cpSync(
    path.join(
      repo,
      "packages/agent/fixtures/crash/kdump/127.0.0.1-2024-05-01-10:22:03/vmcore-dmesg.txt",
    ),
    path.join(dump, "vmcore-dmesg.txt"),
  );
  let firstByte = 0;
  let crashId = "";
  for (;;) {
    const upload = await db.prisma.upload.findFirst({
      select: { crashId: true, received: true, completedAt: true },
    });
    if (upload && !firstByte && Number(upload.received) > 0) firstByte = performance.now();
    if (upload?.completedAt) {
      crashId = upload.crashId ?? "";
      break;
    }
    if (performance.now() - started > 600_000) throw new Error("no complete upload in 10 min");
    await new Promise((r) => setTimeout(r, 100));
  }
  const done = performance.now();
  await new Promise((r) => setTimeout(r, 2_000));
  clearInterval(sampler);
  const after = await rssKb(serverPid);
  const peak = Math.max(...samples.map((s) => s.kb));
  const seconds = (done - firstByte) / 1000;
  const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;
  console.log(`vmcore ${SIZE / MIB} MiB through the real server and agent (crash ${crashId})`);
  console.log(`  report → upload stored:            ${((done - started) / 1000).toFixed(1)} s`);
  console.log(
    `  first byte → stored:               ${seconds.toFixed(1)} s, ${(SIZE / 1e6 / seconds).toFixed(0)} MB/s (${(SIZE / MIB / seconds).toFixed(0)} MiB/s) (the agent hashed the file before its first byte)`,
  );
  console.log(`  server RSS before:                 ${mb(baseline)}`);
  console.log(`  server RSS peak during upload:     ${mb(peak)} (growth ${mb(peak - baseline)})`);
  console.log(`  server RSS 2 s after:              ${mb(after)}`);
  console.log(`  samples:                           ${samples.length}`);
} finally {
  await agent.stop();
  await server.stop();
  await db.close();
  await database.drop();
  rmSync(work, { recursive: true, force: true });
}
