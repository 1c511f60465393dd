import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callerFor } from "../server/trpc-caller";
import { AgentProcess } from "./agent-process";
import { SESSION_COOKIE, type SeededUser, seedSignedInUser } from "./fixtures";
import { launchBrowser, screenshot } from "./browser";
import { canUseNetns, NetnsHost } from "./netns-host";
import { freePort, type RunningServer, startServer, testSecrets } from "./server-process";

/*
 * Issue 7's acceptance on real agents: 22 hosts, each a network namespace with eth0 to
 * the server and eth1 (the interface the policies shape) to a peer, each running the
 * real agent bundle with real `tc`. Two server instances share one database; odd hosts
 * talk to A, even hosts to B; both run the rollout worker.
 */
const enabled = await canUseNetns();
const N = 22;

let db: Db;
let user: SeededUser;
let databaseUrl: string;
let dropDatabase: () => Promise<void>;
const secrets = testSecrets();
const ports = { a: 0, b: 0 };
const servers: { a?: RunningServer; b?: RunningServer } = {};
const hosts = Array.from({ length: N }, (_, i) => new NetnsHost("fdro", 222, i + 1));
const agents: AgentProcess[] = [];
const work = mkdtempSync(path.join(tmpdir(), "fleetdeck-rollout-fleet-"));
const crashDirsOf = (h: NetnsHost) => ({
  kdump: path.join(work, h.ns, "crash"),
  pstore: path.join(work, h.ns, "pstore"),
  journal: path.join(work, h.ns, "journal"),
});
const corpus = path.resolve(import.meta.dirname, "../../../fixtures/shared/crashes");
const hostIds: string[] = [];

const boot = (port: number) =>
  startServer(databaseUrl, {
    ...secrets,
    HOST: "0.0.0.0",
    PORT: String(port),
    FLEETDECK_HEARTBEAT_SECONDS: "1",
  });

const htb = (classes: { id: string; rate: string }[], defaultClass: string) => ({
  version: 1,
  rules: [
    {
      interfaces: ["eth1"],
      egress: {
        kind: "htb",
        defaultClass,
        classes: classes.map((c) => ({
          ...c,
          ceil: c.rate,
          qdisc: { kind: "pfifo", limit: 100 },
        })),
      },
    },
  ],
});
const SPEC_A = htb([{ id: "1:10", rate: "50mbit" }], "1:10");
const SPEC_B = htb(
  [
    { id: "1:10", rate: "20mbit" },
    { id: "1:20", rate: "30mbit" },
  ],
  "1:20",
);

beforeAll(async () => {
  if (!enabled) return;
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  databaseUrl = database.url;
  db = createDb(database.url, { max: 3 });
  user = await seedSignedInUser(db, {
    email: "release@acme.test",
    name: "Rita Release",
    orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
  });
  ports.a = await freePort();
  ports.b = await freePort();
  [servers.a, servers.b] = await Promise.all([boot(ports.a), boot(ports.b)]);
  await Promise.all(hosts.map((h) => h.create({ dataLink: true })));
  const admin = await callerFor(servers.a, user.sessionToken, "acme");
  const { token } = await admin.mutate("fleet.createEnrollmentToken", {
    name: "rollout fleet",
    labels: "env=lab",
    maxUses: N,
    expiresInHours: 1,
  });
  for (const h of hosts) {
    // Crash collection on: each host's own kdump directory, scanned every second.
    const crashDirs = crashDirsOf(h);
    for (const d of Object.values(crashDirs)) mkdirSync(d, { recursive: true });
    const agent = new AgentProcess(`lab-${String(h.n).padStart(2, "0")}`, {
      dryRun: false,
      netns: h.ns,
      env: {
        FLEETDECK_AGENT_KDUMP_DIR: crashDirs.kdump,
        FLEETDECK_AGENT_PSTORE_DIR: crashDirs.pstore,
        FLEETDECK_AGENT_JOURNAL_DIR: crashDirs.journal,
        FLEETDECK_AGENT_KMSG_PATH: "",
        FLEETDECK_AGENT_CRASH_SCAN_SECONDS: "1",
      },
    });
    agents.push(agent);
  }
  // Enroll a few at a time: each enrollment is a node start inside a namespace.
  for (let i = 0; i < N; i += 6)
    await Promise.all(
      agents.slice(i, i + 6).map(async (agent, j) => {
        const h = hosts[i + j] as NetnsHost;
        const url = `http://${h.serverAddress}:${h.n % 2 ? ports.a : ports.b}`;
        hostIds[i + j] = await agent.enroll(url, token);
        agent.start(url);
      }),
    );
  const deadline = Date.now() + 60_000;
  while (
    (await db.prisma.host.count({ where: { online: true, factsUpdatedAt: { not: null } } })) < N
  ) {
    if (Date.now() > deadline) throw new Error("the agents did not all come online within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await Promise.all(hosts.map((h) => h.destroy()));
  await servers.a?.stop();
  await servers.b?.stop();
  await db?.close();
  await dropDatabase?.();
});

const ops = () => callerFor(servers.b as RunningServer, user.sessionToken, "acme");

async function newRevision(name: string, spec: unknown): Promise<string> {
  const { revisionId } = await (await ops()).mutate("policies.create", {
    name,
    spec,
    message: name,
  });
  return revisionId;
}

async function createRollout(
  name: string,
  revisionId: string,
  strategy: Record<string, unknown>,
): Promise<string> {
  const { rolloutId } = await (await ops()).mutate("rollouts.create", {
    name,
    revisionId,
    target: { kind: "all" },
    strategy: { applyTimeoutSeconds: 30, commitConfirmSeconds: 60, ...strategy },
    start: false,
  });
  return rolloutId;
}

const operate = async (rolloutId: string, operation: string) =>
  (await ops()).mutate("rollouts.operate", { rolloutId, operation });

const rollout = (id: string) =>
  db.prisma.rollout.findUniqueOrThrow({
    where: { id },
    include: { hosts: true, waves: { orderBy: { index: "asc" } } },
  });

/** The rollout as a person would read it when a test fails: waves, hosts, events. */
async function summary(id: string): Promise<string> {
  const r = await rollout(id);
  const events = await db.prisma.rolloutEvent.findMany({
    where: { rolloutId: id },
    orderBy: { at: "asc" },
  });
  return `rollout ${r.name} is ${r.state} (${r.abortReason ?? "no abort"})
waves: ${r.waves.map((w) => `${w.index}:${w.state}`).join(" ")}
hosts: ${r.hosts.map((h) => `${h.wave}:${h.state}${h.reason ? `(${h.reason})` : ""}`).join(" ")}
events:
${events.map((e) => `  ${e.at.toISOString()} ${e.type}: ${e.message}`).join("\n")}`;
}

async function waitForState(id: string, states: string[], timeout = 90_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await rollout(id);
    if (states.includes(r.state)) return;
    if (Date.now() > deadline)
      throw new Error(
        `not ${states.join(" or ")} after ${timeout} ms: ${await summary(id)}
server A: ${servers.a?.output().slice(-2000)}
server B: ${servers.b?.output().slice(-2000)}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

const agentOf = (hostId: string) => agents[hostIds.indexOf(hostId)] as AgentProcess;
const hostOf = (hostId: string) => hosts[hostIds.indexOf(hostId)] as NetnsHost;

/** Tree commands this rollout made each agent run, from the agents' own ledgers. */
function ledgerRuns(rolloutId: string) {
  return hostIds.map((id) => {
    const entries = agentOf(id).ledger();
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size, "a ledger lists a command once").toBe(ids.length);
    return entries.filter((e) => e.idempotencyKey.startsWith(`rollout:${rolloutId}:`)).length;
  });
}

describe.skipIf(!enabled)("rollouts on 22 real agents in namespaces", () => {
  let revisionA: string;
  let revisionB: string;

  test("a good revision goes through a canary and three waves; a server SIGKILLed mid-wave resumes; no command runs twice", async () => {
    revisionA = await newRevision("edge-a", SPEC_A);
    const id = await createRollout("A everywhere", revisionA, {
      canary: { count: 2 },
      waves: [{ percent: 30 }, { percent: 60 }, { percent: 100 }],
      bakeSeconds: 2,
    });
    await operate(id, "start");
    // Wave 1 in flight: kill server A outright, then bring it back on the same port.
    await expect
      .poll(async () => (await rollout(id)).currentWave, { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(1);
    process.kill(-(servers.a?.process.pid as number), "SIGKILL");
    const killedAt = Date.now();
    await new Promise((r) => setTimeout(r, 1000));
    servers.a = await boot(ports.a);
    await waitForState(id, ["completed"], 120_000);
    const done = await rollout(id);
    console.log(
      `good rollout: ${done.hosts.length} hosts in ${done.waves.length} waves, completed ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the SIGKILL`,
    );
    expect(done.waves.map((w) => w.state)).toEqual(["passed", "passed", "passed", "passed"]);
    expect(done.hosts.every((h) => h.state === "verified")).toBe(true);
    // Every host's kernel holds the new tree, and the agents ran each apply exactly once.
    for (const h of hosts) {
      expect(await h.rootQdisc("eth1")).toBe("htb");
      expect(await h.classIds("eth1")).toEqual(["1:10"]);
    }
    expect(ledgerRuns(id)).toEqual(Array(N).fill(1));
    const commands = await db.prisma.command.groupBy({
      by: ["hostId"],
      where: { idempotencyKey: { startsWith: `rollout:${id}:` } },
      _count: true,
    });
    expect(commands.map((c) => c._count)).toEqual(Array(N).fill(1));
    // Both instances' workers took part or stood by; neither dispatched twice.
    const events = await db.prisma.rolloutEvent.findMany({
      where: { rolloutId: id, type: "wave_dispatched" },
    });
    expect(events.length).toBeLessThanOrEqual(4);
  }, 240_000);

  test("a revision that fails on two hosts aborts within its budget and rolls back every touched host to its exact pre-rollout tc state", async () => {
    revisionB = await newRevision("edge-b", SPEC_B);
    const before = await Promise.all(hosts.map((h) => h.tcState("eth1")));
    const id = await createRollout("B, two hosts broken", revisionB, {
      canary: { count: 2 },
      waves: [{ percent: 40 }, { percent: 100 }],
      bakeSeconds: 1,
      failureBudget: { perWave: { count: 1 }, overall: { count: 1 } },
      rollbackOnAbort: true,
    });
    // Two hosts of wave 1 lose eth1 after their facts were taken: pre-flight passed them,
    // the kernel will not.
    const planned = await rollout(id);
    const broken = planned.hosts.filter((h) => h.wave === 1).slice(0, 2);
    for (const b of broken) await hostOf(b.hostId).renameLink("eth1", "eth9");
    await operate(id, "start");
    await waitForState(id, ["rolled_back"], 120_000);
    for (const b of broken) await hostOf(b.hostId).renameLink("eth9", "eth1");
    const done = await rollout(id);
    expect(done.abortReason).toMatch(/fail/i);
    expect(
      done.hosts.filter((h) => h.state === "rolled_back").length,
      await summary(id),
    ).toBeGreaterThanOrEqual(3);
    // Dispatch stopped: wave 2 never received the command.
    expect(done.hosts.filter((h) => h.wave === 2).every((h) => h.commandId === null)).toBe(true);
    const after = await Promise.all(hosts.map((h) => h.tcState("eth1")));
    for (const [i, h] of hosts.entries())
      expect(after[i], `${h.ns} eth1 after the rollback`).toEqual(before[i]);
  }, 240_000);

  test("pause holds the next wave; retry-failed re-sends only to the failed host; resume finishes", async () => {
    const id = await createRollout("B with a pause", revisionB, {
      canary: { count: 2 },
      waves: [{ percent: 50 }, { percent: 100 }],
      bakeSeconds: 4,
      failureBudget: { perWave: { count: 1 }, overall: { count: 1 } },
    });
    const planned = await rollout(id);
    const flaky = planned.hosts.find((h) => h.wave === 1) as { hostId: string };
    await hostOf(flaky.hostId).renameLink("eth1", "eth9");
    await operate(id, "start");
    await expect
      .poll(async () => (await rollout(id)).waves[1]?.state, { timeout: 60_000, interval: 100 })
      .toBe("baking")
      .catch(async (e) => {
        throw new Error(`${e}\n${await summary(id)}`);
      });
    await operate(id, "pause");
    await expect
      .poll(async () => (await rollout(id)).hosts.find((h) => h.hostId === flaky.hostId)?.state, {
        timeout: 60_000,
      })
      .toBe("failed");
    // Well past wave 1's bake: paused, so wave 2 has not been sent.
    await new Promise((r) => setTimeout(r, 6000));
    let now = await rollout(id);
    expect(now.state).toBe("paused");
    expect(now.hosts.filter((h) => h.wave === 2).every((h) => h.commandId === null)).toBe(true);

    // The host is fixed; retry only the failed one.
    await hostOf(flaky.hostId).renameLink("eth9", "eth1");
    const runsBefore = ledgerRuns(id);
    await operate(id, "retry_failed");
    await expect
      .poll(async () => (await rollout(id)).hosts.find((h) => h.hostId === flaky.hostId)?.state, {
        timeout: 60_000,
      })
      .toBe("verified");
    const runsAfter = ledgerRuns(id);
    expect(runsAfter.map((n, i) => n - (runsBefore[i] ?? 0))).toEqual(
      hostIds.map((h) => (h === flaky.hostId ? 1 : 0)),
    );
    await operate(id, "resume");
    await waitForState(id, ["completed"]);
    now = await rollout(id);
    expect(now.hosts.every((h) => h.state === "verified")).toBe(true);
    for (const h of hosts) expect(await h.classIds("eth1")).toEqual(["1:10", "1:20"]);
    expect(ledgerRuns(id)).toEqual(hostIds.map((h) => (h === flaky.hostId ? 2 : 1)));
  }, 240_000);

  test("a host that goes silent during its wave counts as a failure, never a success", async () => {
    const revisionC = await newRevision("edge-c", htb([{ id: "1:30", rate: "40mbit" }], "1:30"));
    const id = await createRollout("C with a silent host", revisionC, {
      canary: { count: 2 },
      waves: [{ percent: 100 }],
      bakeSeconds: 1,
      applyTimeoutSeconds: 10,
      failureBudget: { perWave: { count: 0 }, overall: { count: 0 } },
      rollbackOnAbort: false,
    });
    const planned = await rollout(id);
    const silent = planned.hosts.find((h) => h.wave === 1) as { hostId: string };
    const agent = agentOf(silent.hostId);
    await agent.stop();
    try {
      await operate(id, "start");
      await waitForState(id, ["aborted"], 60_000);
      const done = await rollout(id);
      const host = done.hosts.find((h) => h.hostId === silent.hostId);
      expect(host?.state, await summary(id)).toBe("offline");
      expect(done.abortReason).toMatch(/fail|offline|budget/i);

      const browser = await launchBrowser();
      try {
        const server = servers.b as RunningServer;
        await browser.context.addCookies([
          { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
        ]);
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        await page.goto(`${server.url}/o/acme/rollouts/${id}`);
        await page.getByText("aborted").first().waitFor();
        await screenshot(page, "rollout-fleet-aborted-offline");
      } finally {
        await browser.close();
      }
    } finally {
      const h = hostOf(silent.hostId);
      agent.start(`http://${h.serverAddress}:${h.n % 2 ? ports.a : ports.b}`);
    }
  }, 120_000);
  test("a kernel crash a host reports during its bake fails the wave, aborts and rolls back", async () => {
    const revisionD = await newRevision("edge-d", htb([{ id: "1:40", rate: "45mbit" }], "1:40"));
    const before = await Promise.all(hosts.map((h) => h.tcState("eth1")));
    const id = await createRollout("D meets a crash", revisionD, {
      canary: { count: 2 },
      waves: [{ percent: 100 }],
      bakeSeconds: 30,
      failureBudget: { perWave: { count: 0 }, overall: { count: 0 } },
      rollbackOnAbort: true,
    });
    await operate(id, "start");
    await expect
      .poll(async () => (await rollout(id)).hosts.filter((h) => h.state === "verified").length, {
        timeout: 60_000,
      })
      .toBe(2);
    // The host reboots after an oops; kdump left the log for the agent to find.
    const victim = (await rollout(id)).hosts.find((h) => h.wave === 0) as { hostId: string };
    const dump = path.join(
      crashDirsOf(hostOf(victim.hostId)).kdump,
      "127.0.0.1-2026-11-27-12:30:00",
    );
    mkdirSync(dump);
    cpSync(path.join(corpus, "lkdtm_EXCEPTION_6.1_a.log"), path.join(dump, "vmcore-dmesg.txt"));
    await waitForState(id, ["rolled_back"], 60_000);
    const done = await rollout(id);
    const crashed = done.hosts.find((h) => h.hostId === victim.hostId);
    expect(
      crashed?.state === "rolled_back" || crashed?.state === "crashed",
      await summary(id),
    ).toBe(true);
    const events = await db.prisma.rolloutEvent.findMany({ where: { rolloutId: id } });
    expect(events.map((e) => e.message).join("\n")).toMatch(/kernel crash during bake/);
    expect(done.hosts.filter((h) => h.wave === 1).every((h) => h.commandId === null)).toBe(true);
    const after = await Promise.all(hosts.map((h) => h.tcState("eth1")));
    for (const [i, h] of hosts.entries())
      expect(after[i], `${h.ns} eth1 after the rollback`).toEqual(before[i]);

    // The crash's group links back to the rollout that was on the host.
    const crash = await db.prisma.crash.findFirstOrThrow({ where: { hostId: victim.hostId } });
    const related = await (await ops()).query("rollouts.forCrashGroup", { groupId: crash.groupId });
    expect(related.map((r: { id: string }) => r.id)).toContain(id);
  }, 120_000);
});
