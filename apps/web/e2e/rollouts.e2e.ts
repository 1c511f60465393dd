import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FileBlobStore, ingestCrashLog } from "@fleetdeck/api";
import { agentsAnswer, fleetWithPolicy } from "@fleetdeck/api/testing";
import { generateTotpSecret, parseKeyring, seal } from "@fleetdeck/auth";
import { createDb, type Db } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { nextStepCode } from "./auth-helpers";
import { launchBrowser, screenshot } from "./browser";
import { SESSION_COOKIE, type SeededUser, seedSignedInUser } from "./fixtures";
import { type RunningServer, startServer, testSecrets } from "./server-process";

/*
 * The rollout pages against the real server and its rollout worker. The agents are
 * played in the database (every dispatched tc.apply succeeds, except on one host that
 * the kernel refuses), so the test is about what the operator sees and does: the blast
 * radius before starting, waves moving, approval between waves, the TOTP step-up for the
 * last wave, a failed host in the host table, and the timeline.
 */
let server: RunningServer;
let user: SeededUser;
let db: Db;
let secret: string;
let dropDatabase: () => Promise<void>;
let dataDir: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  db = createDb(database.url, { max: 2 });
  user = await seedSignedInUser(db, {
    email: "ops@acme.test",
    name: "Olga Ops",
    orgs: [{ slug: "acme", name: "Acme", role: "operator" }],
  });
  const org = user.orgs[0]?.id as string;
  await fleetWithPolicy(db, org, user.userId, 24);
  const secrets = {
    ...testSecrets(),
    FLEETDECK_ENCRYPTION_KEYS: `t1:${randomBytes(32).toString("base64")}`,
  };
  secret = generateTotpSecret();
  await db.prisma.user.update({
    where: { id: user.userId },
    data: {
      totpSecret: seal(
        parseKeyring(secrets.FLEETDECK_ENCRYPTION_KEYS),
        secret,
        `totp:${user.userId}`,
      ),
      totpEnrolledAt: new Date(),
    },
  });
  dataDir = mkdtempSync(path.join(tmpdir(), "fleetdeck-rollout-e2e-"));
  server = await startServer(database.url, {
    ...secrets,
    FLEETDECK_DATA_DIR: dataDir,
  });
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
  await dropDatabase?.();
});

/**
 * Answers every dispatched command until stopped, as agents would; the first host of the
 * last wave has a kernel that refuses the policy.
 */
function playAgents() {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const refused = await db.prisma.rolloutHost.findFirst({
        where: { wave: 2 },
        orderBy: { hostId: "asc" },
        select: { hostId: true },
      });
      await agentsAnswer(db, (hostId) => (hostId === refused?.hostId ? "refused" : "applied"));
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

describe("rollouts", () => {
  test("plan with the blast radius, start, approve waves, step up for the last, see the failed host", async () => {
    const browser = await launchBrowser();
    const stopAgents = playAgents();
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/rollouts`);
      await page.getByText("No rollouts yet").waitFor();
      await screenshot(page, "rollout-1-empty");
      await page.getByRole("link", { name: "New rollout" }).first().click();

      await page.getByLabel("Rollout name").fill("shape prod edges");
      await page.getByRole("combobox", { name: "Policy revision" }).click();
      await page.getByRole("option", { name: /revision 1/ }).click();
      await page.getByLabel("Label selector").fill("env=prod");
      await page.getByText("12 hosts match now").waitFor();
      await page.getByLabel("Bake time (minutes)").fill("0");
      await page.getByLabel("Waves (cumulative %)").fill("25, 100");
      await page.getByLabel("Failures allowed overall").fill("1");
      await page.getByLabel("Failures allowed per wave").fill("1");
      await page.getByLabel("Approve each wave by hand").check();
      const canary = page.getByRole("region", { name: "Wave 0" });
      await canary.getByText("1 host", { exact: true }).waitFor();
      await page.getByRole("region", { name: "Wave 2" }).getByText("9 hosts").waitFor();
      await screenshot(page, "rollout-2-blast-radius");

      await page.getByRole("button", { name: "Start rollout" }).click();
      await page.getByRole("dialog").getByText("goes to 12 hosts in 3 waves").waitFor();
      await page.getByRole("dialog").getByRole("button", { name: "Start", exact: true }).click();
      await page.getByRole("heading", { name: "shape prod edges" }).waitFor();

      // The canary applies, then the rollout waits for a person.
      await page.getByText("awaiting approval").first().waitFor({ timeout: 20_000 });
      await screenshot(page, "rollout-3-awaiting-approval");
      const approve = () => page.getByRole("button", { name: "Approve next wave" }).click();
      const dialog = page.getByRole("dialog");
      await approve();
      await dialog.getByRole("button", { name: "Approve next wave" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByText("Wave 1 · 2 hosts · passed").waitFor({ timeout: 20_000 });
      await page.getByText("awaiting approval").first().waitFor();

      // The last wave reaches every host: the code from the authenticator is asked for.
      await approve();
      await dialog.getByRole("button", { name: "Approve next wave" }).click();
      const codeField = page.getByLabel("Authentication code");
      await codeField.waitFor();
      await codeField.fill("000000");
      await dialog.getByRole("button", { name: "Approve next wave" }).click();
      await dialog.getByText("That code did not work").waitFor();
      await codeField.fill(await nextStepCode(secret));
      await screenshot(page, "rollout-4-step-up");
      await dialog.getByRole("button", { name: "Approve next wave" }).click();
      await dialog.waitFor({ state: "detached" });

      // One host's kernel refuses the policy: within the budget of one, the rollout completes.
      await page.getByText("completed").first().waitFor({ timeout: 30_000 });
      await page.getByRole("combobox", { name: "Host state" }).click();
      await page.getByRole("option", { name: /failed \(1\)/ }).click();
      await page.getByRole("table").getByText("qdisc replace dev eth0").waitFor();
      await screenshot(page, "rollout-5-completed-with-failure");
      const events = await page.getByRole("list", { name: "Rollout events" }).textContent();
      expect(events).toContain("ops@acme.test");
      expect(events).toMatch(/approved/i);

      await page.goto(`${server.url}/o/acme/rollouts`);
      await page.getByRole("link", { name: "shape prod edges" }).waitFor();
      await screenshot(page, "rollout-6-list");

      // A crash collected on a host while the rollout was on it: its group links back.
      const touched = await db.prisma.rolloutHost.findFirstOrThrow({
        where: { wave: 1 },
        include: { rollout: true },
      });
      const during = new Date(
        ((touched.dispatchedAt as Date).getTime() +
          (touched.rollout.finishedAt as Date).getTime()) /
          2,
      );
      const { groupIds } = await ingestCrashLog(
        db,
        new FileBlobStore(path.join(dataDir, "blobs")),
        {
          organizationId: user.orgs[0]?.id as string,
          hostId: touched.hostId,
          source: "kdump",
          bootId: "boot-after-rollout",
          collectedAt: during,
          text: readFileSync(
            path.resolve(
              import.meta.dirname,
              "../../../fixtures/shared/crashes/lkdtm_ACCESS_NULL_6.1.log",
            ),
            "utf8",
          ),
          appliedRevisionId: null,
        },
      );
      await page.goto(`${server.url}/o/acme/crashes/${groupIds[0]}`);
      const related = page.getByRole("region", { name: "Rollouts active when it crashed" });
      await related.getByRole("link", { name: "shape prod edges" }).waitFor();
      expect(await related.textContent()).toContain("1 crash during it");
    } catch (error) {
      const page = browser.context.pages()[0];
      if (page) await screenshot(page, "rollout-failure");
      throw error;
    } finally {
      await stopAgents();
      await browser.close();
    }
  }, 120_000);
});
