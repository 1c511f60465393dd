import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  cpSync,
  createReadStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  writeSync,
  ftruncateSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callerFor } from "../server/trpc-caller";
import { AgentProcess } from "./agent-process";
import { launchBrowser, screenshot } from "./browser";
import { SESSION_COOKIE, type SeededUser, seedSignedInUser } from "./fixtures";
import { writeKernelJournal } from "./journal-fixture";
import { type RunningServer, startServer } from "./server-process";

/*
 * Issue 6's acceptance with the real agent bundle and the real server: kdump, pstore and
 * journal directories filled with fixture logs (packages/agent/fixtures/crash, cut from the
 * shared corpus), a vmcore fetched from the dashboard, and a 1 GiB vmcore upload that
 * survives its agent being killed five times.
 */
const repo = path.resolve(import.meta.dirname, "../../..");
const agentFixtures = path.join(repo, "packages/agent/fixtures/crash");
const corpus = path.resolve(repo, "fixtures/shared/crashes");
const manifest = readFileSync(path.join(corpus, "MANIFEST.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split("\t"))
  .map(([file, , , title, , , group]) => ({ file, title, group }));
/** The corpus logs the agent fixtures were cut from (packages/agent/fixtures/crash/README.md). */
const SOURCES = [
  "centos7_nf_conntrack_3.10.log",
  "sysrq_c_6.1_a.log",
  "lkdtm_ACCESS_NULL_6.1.log",
  "lkdtm_PANIC_6.1.log",
  "lkdtm_BUG_6.1_a.log",
  "lkdtm_REFCOUNT_DEC_ZERO_6.1.log",
];

let server: RunningServer;
let db: Db;
let user: SeededUser;
let dropDatabase: () => Promise<void>;
let agent: AgentProcess;
let hostId: string;
const work = mkdtempSync(path.join(tmpdir(), "fleetdeck-crash-agent-"));
const dirs = {
  kdump: path.join(work, "crash"),
  pstore: path.join(work, "pstore"),
  journal: path.join(work, "journal"),
};

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  db = createDb(database.url, { max: 2 });
  user = await seedSignedInUser(db, {
    email: "kernel@acme.test",
    name: "Kim Kernel",
    orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
  });
  server = await startServer(database.url, {
    FLEETDECK_HEARTBEAT_SECONDS: "1",
    FLEETDECK_DATA_DIR: path.join(work, "server"),
  });
  cpSync(path.join(agentFixtures, "kdump"), dirs.kdump, { recursive: true });
  cpSync(path.join(agentFixtures, "pstore"), dirs.pstore, { recursive: true });
  await writeKernelJournal(dirs.journal, [
    {
      bootId: randomUUID(),
      text: readFileSync(path.join(agentFixtures, "journal/previous-boot.txt"), "utf8"),
    },
    {
      bootId: randomUUID(),
      text: "[    0.000000] edge-fra1-03 kernel: Linux version 6.1.0-56-amd64\n",
    },
  ]);
  const admin = await callerFor(server, user.sessionToken, "acme");
  const { token } = await admin.mutate("fleet.createEnrollmentToken", {
    name: "crash e2e",
    labels: "env=prod",
    maxUses: 1,
    expiresInHours: 1,
  });
  agent = new AgentProcess("edge-fra1-03", {
    dryRun: false,
    env: {
      FLEETDECK_AGENT_KDUMP_DIR: dirs.kdump,
      FLEETDECK_AGENT_PSTORE_DIR: dirs.pstore,
      FLEETDECK_AGENT_JOURNAL_DIR: dirs.journal,
      FLEETDECK_AGENT_KMSG_PATH: "",
      FLEETDECK_AGENT_CRASH_SCAN_SECONDS: "2",
    },
  });
  hostId = await agent.enroll(server.url, token);
  agent.start(server.url);
}, 120_000);

afterAll(async () => {
  await agent?.stop();
  await server?.stop();
  await db?.close();
  await dropDatabase?.();
});

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function sha256Download(url: string): Promise<string> {
  const res = await fetch(url, { headers: { cookie: `${SESSION_COOKIE}=${user.sessionToken}` } });
  expect(res.status).toBe(200);
  const hash = createHash("sha256");
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest("hex");
}

describe("crash collection through a real agent", () => {
  test("kdump, pstore and journal crashes upload once, a rescan adds nothing, and the inbox holds the fixture's groups", async () => {
    const expected = SOURCES.map((f) => manifest.find((m) => m.file === f));
    const expectedTitles = [...new Set(expected.map((m) => m?.title))].sort();
    const titles = async () =>
      (await db.prisma.crashGroup.findMany({ select: { title: true } })).map((g) => g.title).sort();
    await expect.poll(titles, { timeout: 60_000, interval: 500 }).toEqual(expectedTitles);
    expect(new Set(expected.map((m) => m?.group)).size).toBe(expectedTitles.length);
    const crashes = await db.prisma.crash.findMany({ select: { source: true, hostId: true } });
    expect(new Set(crashes.map((c) => c.source))).toEqual(new Set(["kdump", "pstore", "journal"]));
    expect(crashes.every((c) => c.hostId === hostId)).toBe(true);

    // Rescans (every 2 s), an explicit collect and a restart find the same crashes: nothing new.
    const ops = await callerFor(server, user.sessionToken, "acme");
    const collect = await ops.mutate("fleet.runCommand", { hostId, type: "crash.collect" });
    await expect
      .poll(
        async () =>
          (await db.prisma.command.findUniqueOrThrow({ where: { id: collect.id } })).state,
        {
          timeout: 20_000,
        },
      )
      .toBe("succeeded");
    await agent.stop();
    agent.start(server.url);
    await new Promise((r) => setTimeout(r, 6000));
    expect(await db.prisma.crash.count()).toBe(crashes.length);

    const browser = await launchBrowser();
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/crashes`);
      await page.getByRole("link", { name: expected[0]?.title as string }).waitFor();
      await screenshot(page, "crash-agent-1-inbox");

      // Fetch vmcore: the RHEL kdump crash kept its dump; the agent uploads it on request.
      await page.getByRole("link", { name: expected[0]?.title as string }).click();
      await page.getByRole("button", { name: "Fetch vmcore" }).click();
      const download = page.getByRole("link", { name: /^vmcore \(/ });
      await download.waitFor({ timeout: 30_000 });
      await screenshot(page, "crash-agent-2-vmcore");
      const href = await download.getAttribute("href");
      const local = path.join(agentFixtures, "kdump/127.0.0.1-2024-05-01-10:22:03/vmcore");
      expect(await sha256Download(`${server.url}${href}`)).toBe(await sha256File(local));
    } finally {
      await browser.close();
    }
  }, 180_000);

  test("a 1 GiB vmcore whose agent is killed five times part-way resumes each time; the stored file's SHA-256 matches", async () => {
    const ops = await callerFor(server, user.sessionToken, "acme");
    await ops.mutate("org.setCrashSettings", { collectVmcores: true });
    // A new dump: a 1 GiB sparse vmcore with random blocks spread through it.
    const dump = path.join(dirs.kdump, "127.0.0.1-2026-11-27-12:00:00");
    mkdirSync(dump);
    cpSync(path.join(corpus, "lkdtm_WRITE_RO_6.1.log"), path.join(dump, "vmcore-dmesg.txt"));
    const vmcore = path.join(dump, "vmcore");
    const fd = openSync(vmcore, "w");
    try {
      ftruncateSync(fd, 1024 ** 3);
      for (const at of [0, 100, 300, 512, 777, 1023])
        writeSync(fd, randomBytes(1024 ** 2), 0, 1024 ** 2, at * 1024 ** 2);
    } finally {
      closeSync(fd);
    }
    const want = await sha256File(vmcore);
    const crash = async () =>
      db.prisma.crash.findFirst({
        where: { title: { contains: "lkdtm_WRITE_RO" } },
        select: { id: true, vmcoreBlob: true },
      });
    await expect.poll(crash, { timeout: 30_000 }).toBeTruthy();
    const crashId = (await crash())?.id as string;
    const received = async () =>
      Number(
        (await db.prisma.upload.findFirst({ where: { crashId }, orderBy: { createdAt: "desc" } }))
          ?.received ?? 0,
      );
    const seen: number[] = [];
    for (let kill = 0; kill < 5; kill++) {
      const before = await received();
      // Part-way: some progress since the last restart, far from the end.
      await expect
        .poll(received, { timeout: 60_000, interval: 50 })
        .toBeGreaterThan(before + 16 * 1024 ** 2);
      const at = await received();
      expect(at).toBeLessThan(1024 ** 3);
      seen.push(at);
      await agent.kill();
      agent.start(server.url);
    }
    await expect
      .poll(async () => (await crash())?.vmcoreBlob, { timeout: 120_000, interval: 500 })
      .toBeTruthy();
    const upload = await db.prisma.upload.findFirstOrThrow({
      where: { crashId },
      orderBy: { createdAt: "desc" },
    });
    console.log(
      `1 GiB vmcore: killed at ${seen.map((b) => `${(b / 1024 ** 2).toFixed(0)} MiB`).join(", ")}; completed, ${await db.prisma.upload.count({ where: { crashId } })} upload session(s)`,
    );
    expect(upload.sha256).toBe(want);
    expect(await sha256Download(`${server.url}/api/crashes/${crashId}/vmcore`)).toBe(want);
  }, 300_000);
});
