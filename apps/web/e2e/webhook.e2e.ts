import {
  startWebhookReceiver,
  verifyWebhookSignature,
  type WebhookReceiver,
} from "@fleetdeck/api/testing";
import { createDb, type Db } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { SESSION_COOKIE, type SeededUser, seedSignedInUser } from "./fixtures";
import { type RunningServer, startServer } from "./server-process";

/*
 * The webhook tab against the real server, with a real HTTP receiver in this process:
 * the admin saves its URL, copies the secret shown once, sends a test event, and the
 * receiver checks the signature with that secret the way the page tells people to.
 */
let server: RunningServer;
let admin: SeededUser;
let viewer: SeededUser;
let db: Db;
let receiver: WebhookReceiver;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  db = createDb(database.url, { max: 2 });
  admin = await seedSignedInUser(db, {
    email: "ada@acme.test",
    name: "Ada Admin",
    orgs: [{ slug: "acme", name: "Acme", role: "admin" }],
  });
  viewer = await seedSignedInUser(db, {
    email: "vic@acme.test",
    name: "Vic Viewer",
    orgs: [{ slug: "acme", name: "Acme", role: "viewer" }],
  });
  receiver = await startWebhookReceiver({ path: "/hooks/fleetdeck" });
  server = await startServer(database.url);
});

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  await db?.close();
  await dropDatabase?.();
});

describe("the webhook settings", () => {
  test("an admin saves a webhook, sees the secret once, and a test event arrives signed", async () => {
    const browser = await launchBrowser();
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: admin.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/settings`);
      await page.getByRole("tab", { name: "Webhook" }).click();
      await page
        .getByRole("heading", { name: "Send rollout events to your own systems" })
        .waitFor();
      await page.getByText("x-fleetdeck-signature").first().waitFor();
      await screenshot(page, "webhook-1-empty");

      // A plain-http URL elsewhere than this machine is refused, with the reason.
      await page.getByRole("button", { name: "Add webhook" }).click();
      const urlField = page.getByLabel("Payload URL");
      await urlField.fill("http://hooks.example.com/fleetdeck");
      await page.getByRole("button", { name: "Save webhook" }).click();
      await page
        .getByRole("alert")
        .getByText(/Plain http:\/\/ is only allowed/)
        .waitFor();
      await screenshot(page, "webhook-2-invalid");

      await urlField.fill(receiver.url);
      await page.getByRole("button", { name: "Save webhook" }).click();
      const dialog = page.getByRole("dialog", { name: "Webhook saved" });
      const secret = ((await dialog.locator("pre code").textContent()) ?? "").trim();
      expect(secret).toMatch(/^fdwh_[A-Za-z0-9_-]{43}$/);
      await dialog.getByText("it is not shown again").waitFor();
      await screenshot(page, "webhook-3-secret-once");
      await dialog.getByRole("button", { name: "I have copied it" }).click();

      // From now on only a hint of it: not on the page, not after a reload, not in the database.
      await expect.poll(() => page.getByTestId("webhook-url").textContent()).toBe(receiver.url);
      await page.getByText(`…${secret.slice(-4)}`).waitFor();
      expect(await page.content()).not.toContain(secret);
      await page.reload();
      await page.getByRole("tab", { name: "Webhook" }).click();
      await page.getByTestId("webhook-url").waitFor();
      expect(await page.content()).not.toContain(secret);
      const row = await db.prisma.organization.findUniqueOrThrow({
        where: { slug: "acme" },
        select: { webhookSecret: true },
      });
      expect(row.webhookSecret).toMatch(/^v1\./);
      expect(row.webhookSecret).not.toContain(secret.slice(5));

      await page.getByRole("button", { name: "Send test event" }).click();
      const result = page.getByTestId("webhook-test-result");
      await result.getByText("delivered").waitFor();
      expect(await result.textContent()).toMatch(/HTTP 204 in \d+ ms/);
      const [request] = await receiver.waitFor(1);
      expect(request?.headers["x-fleetdeck-event"]).toBe("webhook.test");
      expect(
        verifyWebhookSignature(
          secret,
          request?.body ?? "",
          request?.headers["x-fleetdeck-signature"] as string,
        ),
      ).toBe(true);
      expect(JSON.parse(request?.body ?? "")).toMatchObject({
        event: "webhook.test",
        details: { sentBy: "ada@acme.test" },
      });
      await screenshot(page, "webhook-4-test-delivered");

      // A receiver that fails is reported as such, with its status.
      receiver.answerWith(503);
      await page.getByRole("button", { name: "Send test event" }).click();
      await result.getByText("failed").waitFor();
      expect(await result.textContent()).toMatch(/HTTP 503 in \d+ ms.*answered 503/);
      await screenshot(page, "webhook-5-test-failed");
      receiver.answerWith(204);

      await page.goto(`${server.url}/o/acme/audit`);
      await page.getByText("org.testWebhook").first().waitFor();
      await page.getByText("org.setWebhook").waitFor();
      expect(await page.content()).not.toContain(secret);
    } finally {
      await browser.close();
    }
  });

  test("on a phone in the dark theme: rotate, copy the new secret, test again", async () => {
    const browser = await launchBrowser({
      colorScheme: "dark",
      viewport: { width: 390, height: 844 },
    });
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: admin.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/settings?tab=webhook`);
      await page.getByRole("button", { name: "Rotate secret" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
      const dialog = page.getByRole("dialog", { name: "New signing secret" });
      const secret = ((await dialog.locator("pre code").textContent()) ?? "").trim();
      await screenshot(page, "webhook-6-phone-dark-rotated");
      await dialog.getByRole("button", { name: "I have copied it" }).click();
      const before = receiver.received.length;
      await page.getByRole("button", { name: "Send test event" }).click();
      await page.getByTestId("webhook-test-result").getByText("delivered").waitFor();
      const request = (await receiver.waitFor(before + 1))[before];
      expect(
        verifyWebhookSignature(
          secret,
          request?.body ?? "",
          request?.headers["x-fleetdeck-signature"] as string,
        ),
      ).toBe(true);
      await screenshot(page, "webhook-7-phone-dark-delivered");
    } finally {
      await browser.close();
    }
  });

  test("a viewer has no webhook tab, and the API refuses them", async () => {
    const browser = await launchBrowser();
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: viewer.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/settings?tab=webhook`);
      await page.getByRole("row", { name: /Vic Viewer/ }).waitFor();
      expect(await page.getByRole("tab", { name: "Webhook" }).count()).toBe(0);
      expect(await page.getByTestId("webhook-url").count()).toBe(0);
      const refused = await page.evaluate(async () => {
        const res = await fetch("/api/trpc/org.webhook", {
          headers: { "x-fleetdeck-org": "acme" },
        });
        return { status: res.status, body: await res.text() };
      });
      expect(refused.status).toBe(403);
      expect(refused.body).not.toContain("/hooks/fleetdeck");
    } finally {
      await browser.close();
    }
  });
});
