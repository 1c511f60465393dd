import { createDb, type Db } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callerFor } from "../server/trpc-caller";
import { AgentProcess } from "./agent-process";
import { launchBrowser, screenshot } from "./browser";
import { SESSION_COOKIE, type SeededUser, seedSignedInUser } from "./fixtures";
import { canUseNetns, iperf, NetnsHost } from "./netns-host";
import { freePort, type RunningServer, startServer } from "./server-process";

/*
 * Issue 5's end-to-end check through the product: a policy made with tRPC, applied to a
 * host with "Apply to this host", carried as a signed command to a real agent running in
 * a network namespace, applied by the kernel, and measured with iperf3 between that
 * namespace and a peer. Egress: HTB at 10 Mbit/s. Ingress: this kernel has no `police`
 * action, so the ingress limit is the IFB form (redirect to ifb0, tbf at 5 Mbit/s).
 */
const enabled = await canUseNetns();

let server: RunningServer;
let db: Db;
let user: SeededUser;
let dropDatabase: () => Promise<void>;
const host = new NetnsHost("fdtc", 218, 1);
let agent: AgentProcess;

const SPEC = {
  version: 1,
  rules: [
    {
      interfaces: ["eth1"],
      egress: {
        kind: "htb",
        defaultClass: "1:10",
        classes: [
          { id: "1:10", rate: "10mbit", ceil: "10mbit", qdisc: { kind: "pfifo", limit: 100 } },
        ],
      },
      ingress: {
        ifb: {
          device: "ifb0",
          egress: { kind: "tbf", rate: "5mbit", burst: "32kb", latency: "50ms" },
        },
      },
    },
  ],
};

beforeAll(async () => {
  if (!enabled) return;
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  db = createDb(database.url, { max: 2 });
  user = await seedSignedInUser(db, {
    email: "netops@acme.test",
    name: "Nina Netops",
    orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
  });
  const port = await freePort();
  server = await startServer(database.url, {
    HOST: "0.0.0.0",
    PORT: String(port),
    FLEETDECK_HEARTBEAT_SECONDS: "1",
  });
  await host.create({ dataLink: true });
  const admin = await callerFor(server, user.sessionToken, "acme");
  const { token } = await admin.mutate("fleet.createEnrollmentToken", {
    name: "tc e2e",
    labels: "env=lab",
    maxUses: 1,
    expiresInHours: 1,
  });
  agent = new AgentProcess("shaper-1", { dryRun: false, netns: host.ns });
  const url = `http://${host.serverAddress}:${port}`;
  await agent.enroll(url, token);
  agent.start(url);
}, 120_000);

afterAll(async () => {
  await agent?.stop();
  await host.destroy();
  await server?.stop();
  await db?.close();
  await dropDatabase?.();
});

describe.skipIf(!enabled)("a tc policy through the product, measured", () => {
  test("HTB 10 Mbit/s egress holds 9–10.5 Mbit/s; the IFB ingress limit holds about 5 Mbit/s", async () => {
    const ops = await callerFor(server, user.sessionToken, "acme");
    const hostId = agent.hostId();
    await expect
      .poll(async () => (await ops.query("fleet.host", { hostId })).online, { timeout: 20_000 })
      .toBe(true);
    const unshaped = await iperf(host, { seconds: 2 });
    expect(unshaped).toBeGreaterThan(100);

    const { revisionId, policyId } = await ops.mutate("policies.create", {
      name: "lab-shaping",
      description: "10 Mbit/s out, 5 Mbit/s in on the data link",
      spec: SPEC,
      message: "first cut",
    });
    const command = await ops.mutate("policies.applyToHost", { revisionId, hostId });
    await expect
      .poll(
        async () =>
          (await db.prisma.command.findUniqueOrThrow({ where: { id: command.id } })).state,
        { timeout: 30_000 },
      )
      .toBe("succeeded");
    const done = await db.prisma.command.findUniqueOrThrow({ where: { id: command.id } });
    expect(done.output).toMatchObject({ applied: true, differences: [] });

    const egress = await iperf(host, { seconds: 5 });
    const ingress = await iperf(host, { seconds: 5, reverse: true });
    console.log(
      `iperf3 through the applied policy: unshaped ${unshaped.toFixed(0)} Mbit/s, egress ${egress.toFixed(2)} Mbit/s (HTB 10 Mbit/s), ingress ${ingress.toFixed(2)} Mbit/s (IFB tbf 5 Mbit/s)`,
    );
    expect(egress).toBeGreaterThanOrEqual(9);
    expect(egress).toBeLessThanOrEqual(10.5);
    expect(ingress).toBeLessThanOrEqual(5.25);
    expect(ingress).toBeGreaterThan(3.5);

    // The host reports the revision it runs, with no drift, and the host page shows it.
    await expect
      .poll(async () => (await ops.query("fleet.host", { hostId })).appliedRevision?.id, {
        timeout: 15_000,
      })
      .toBe(revisionId);
    expect((await ops.query("fleet.host", { hostId })).driftDetectedAt).toBeNull();
    const browser = await launchBrowser();
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/fleet/${hostId}`);
      await page.getByRole("heading", { name: "Traffic control" }).waitFor();
      await page.getByText("lab-shaping").first().waitFor();
      await screenshot(page, "tc-e2e-host-applied");
      await page.goto(`${server.url}/o/acme/policies/${policyId}`);
      await page.getByText("lab-shaping").first().waitFor();
    } finally {
      await browser.close();
    }
  }, 120_000);
});
