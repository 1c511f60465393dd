import { commandSignerFrom, enqueueCommand } from "@fleetdeck/api";
import { createDb, type Db } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callerFor } from "../server/trpc-caller";
import { AgentProcess } from "./agent-process";
import { launchBrowser, screenshot } from "./browser";
import { SESSION_COOKIE, type SeededUser, seedSignedInUser } from "./fixtures";
import { freePort, type RunningServer, startServer, testSecrets } from "./server-process";

let server: RunningServer;
let db: Db;
let user: SeededUser;
let dropDatabase: () => Promise<void>;
let port: number;
const secrets = testSecrets();
const signer = commandSignerFrom(secrets.FLEETDECK_COMMAND_SIGNING_KEY);
const agents: AgentProcess[] = [];
const boot = async () =>
  startServer(databaseUrl, { ...secrets, PORT: String(port), FLEETDECK_HEARTBEAT_SECONDS: "1" });
let databaseUrl: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  databaseUrl = database.url;
  db = createDb(database.url, { max: 3 });
  user = await seedSignedInUser(db, {
    email: "ops@acme.test",
    name: "Olga Ops",
    orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
  });
  port = await freePort();
  server = await boot();
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await server?.stop();
  await db?.close();
  await dropDatabase?.();
});

async function host(hostId: string) {
  return (await callerFor(server, user.sessionToken, "acme")).query("fleet.host", { hostId });
}

async function commandState(id: string) {
  return (await db.prisma.command.findUniqueOrThrow({ where: { id }, select: { state: true } }))
    .state;
}

describe("real agents against the real server", () => {
  let web: AgentProcess;
  let webId: string;
  let db2: AgentProcess;
  let db2Id: string;

  test("agents enroll, heartbeat and report facts, visible through tRPC and in the UI", async () => {
    const admin = await callerFor(server, user.sessionToken, "acme");
    const { token } = await admin.mutate("fleet.createEnrollmentToken", {
      name: "e2e",
      labels: "env=prod, site=fra1",
      maxUses: 2,
      expiresInHours: 1,
    });
    web = new AgentProcess("web-1", { dryRun: false });
    db2 = new AgentProcess("db-1");
    agents.push(web, db2);
    webId = await web.enroll(server.url, token);
    db2Id = await db2.enroll(server.url, token);
    web.start(server.url);
    db2.start(server.url);
    await expect.poll(async () => (await host(webId)).online, { timeout: 15_000 }).toBe(true);
    const detail = await host(webId);
    expect(detail.facts.hostname).toBe("web-1");
    expect(detail.kernelRelease).toBe((await import("node:os")).release());
    expect(detail.labels).toEqual({ env: "prod", site: "fra1" });

    const browser = await launchBrowser();
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/fleet`);
      await page.getByRole("row", { name: /web-1/ }).getByRole("img", { name: "online" }).waitFor();
      await screenshot(page, "fleet-1-hosts");
      await page.getByRole("row", { name: /web-1/ }).click();
      await page.getByRole("heading", { name: "web-1" }).waitFor();
      await page.getByRole("tab", { name: "Facts" }).click();
      await page.getByText("Network interfaces").waitFor();
      await screenshot(page, "fleet-2-host-facts");

      // A command from the dashboard reaches the agent; its result appears without a reload.
      await page.getByRole("tab", { name: "Commands" }).click();
      await page.getByRole("button", { name: "Collect diagnostics" }).click();
      const entry = page
        .getByRole("list", { name: "Command history" })
        .getByRole("listitem")
        .first();
      await entry.getByText("succeeded").waitFor({ timeout: 20_000 });
      await entry
        .getByText(/tc -s -j qdisc show dev/)
        .first()
        .waitFor();
      await screenshot(page, "fleet-3-diagnostics");
    } finally {
      await browser.close();
    }
  });

  test("a server restart: agents reconnect and a command queued during the outage runs once", async () => {
    await server.stop();
    const { id } = await enqueueCommand(db, signer, {
      organizationId: user.orgs[0]?.id as string,
      hostId: db2Id,
      type: "agent.ping",
      args: {},
      ttlSeconds: 120,
      createdById: null,
    });
    server = await boot();
    await expect.poll(() => commandState(id), { timeout: 20_000 }).toBe("succeeded");
    expect(db2.ledger().filter((e) => e.id === id)).toHaveLength(1);

    // Delivered again (as after a lost ack): the agent answers from its ledger and does not run it twice.
    const before = db2.ledger().find((e) => e.id === id);
    await db.prisma.command.update({
      where: { id },
      data: { state: "delivered", finishedAt: null },
    });
    await db.pool.query("SELECT pg_notify('fleetdeck_commands', $1)", [db2Id]);
    await server.stop();
    server = await boot();
    await expect.poll(() => commandState(id), { timeout: 20_000 }).toBe("succeeded");
    expect(db2.ledger().filter((e) => e.id === id)).toEqual([before]);
  });

  test("an offline agent's command expires and never runs when the agent comes back", async () => {
    await db2.stop();
    await expect.poll(async () => (await host(db2Id)).online, { timeout: 15_000 }).toBe(false);
    const { id } = await enqueueCommand(db, signer, {
      organizationId: user.orgs[0]?.id as string,
      hostId: db2Id,
      type: "facts.refresh",
      args: {},
      ttlSeconds: 2,
      createdById: null,
    });
    await expect.poll(() => commandState(id), { timeout: 15_000 }).toBe("expired");
    db2.start(server.url);
    await expect.poll(async () => (await host(db2Id)).online, { timeout: 15_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await commandState(id)).toBe("expired");
    expect(db2.ledger().some((e) => e.id === id)).toBe(false);
  });
});
