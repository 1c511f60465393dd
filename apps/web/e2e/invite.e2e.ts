import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { enrollOnPage, signUpOnPage } from "./auth-helpers";
import { launchBrowser, screenshot } from "./browser";
import { type RunningServer, startServer } from "./server-process";

let server: RunningServer;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  server = await startServer(database.url);
});

afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

describe("inviting a teammate", () => {
  test("an admin invites a viewer, who joins and enrolls; the viewer's UI hides admin actions and the API refuses them", async () => {
    const admin = await launchBrowser();
    const viewer = await launchBrowser();
    try {
      const adminPage = admin.context.pages()[0] ?? (await admin.context.newPage());
      await signUpOnPage(adminPage, server.url, {
        name: "Ada Admin",
        email: "ada@acme.test",
        password: "analytical engine 1843",
        organization: "Acme",
      });
      await adminPage.goto(`${server.url}/o/acme/settings`);
      await adminPage.getByRole("tab", { name: "Invitations" }).click();
      await adminPage.getByRole("button", { name: "Invite people" }).click();
      await adminPage.getByLabel("Email (optional)").fill("vic@acme.test");
      await adminPage.getByRole("button", { name: "Create link" }).click();
      const link = (await adminPage.locator("pre code").textContent())?.trim() ?? "";
      expect(link).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{43}$`));
      await screenshot(adminPage, "invite-1-link");
      await adminPage.getByRole("button", { name: "Done" }).click();

      const viewerPage = viewer.context.pages()[0] ?? (await viewer.context.newPage());
      await viewerPage.goto(link);
      await viewerPage.getByLabel("Your name").fill("Vic Viewer");
      await viewerPage.getByLabel("Choose a password").fill("read only but curious");
      await screenshot(viewerPage, "invite-2-accept");
      await viewerPage.getByRole("button", { name: "Create account and continue" }).click();
      await viewerPage.waitForURL(/\/enroll/);
      await enrollOnPage(viewerPage, "invite-3");
      await viewerPage.waitForURL(`${server.url}/o/acme/fleet`);

      // The link worked once.
      const reuse = await fetch(link);
      expect(await reuse.text()).toContain("This invitation is no longer valid");

      await viewerPage.goto(`${server.url}/o/acme/settings`);
      await viewerPage.getByRole("row", { name: /Vic Viewer/ }).waitFor();
      expect(await viewerPage.getByRole("tab", { name: "Invitations" }).count()).toBe(0);
      expect(await viewerPage.getByRole("button", { name: "Remove" }).count()).toBe(0);
      expect(await viewerPage.getByRole("button", { name: "Reset 2FA" }).count()).toBe(0);
      expect(await viewerPage.getByRole("combobox").count()).toBe(0);
      await screenshot(viewerPage, "invite-4-viewer-settings");

      // The API refuses what the UI hides, even when called by hand from the viewer's page.
      const refused = await viewerPage.evaluate(async () => {
        const res = await fetch("/api/trpc/org.createInvite", {
          method: "POST",
          headers: { "content-type": "application/json", "x-fleetdeck-org": "acme" },
          body: JSON.stringify({ json: { role: "admin" } }),
        });
        return { status: res.status, body: await res.text() };
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain("This needs the admin role or higher.");

      // The admin sees the new member and the audit log records the join.
      await adminPage.goto(`${server.url}/o/acme/settings`);
      await adminPage.getByRole("row", { name: /Vic Viewer/ }).waitFor();
      await screenshot(adminPage, "invite-5-admin-members");
      await adminPage.goto(`${server.url}/o/acme/audit`);
      await adminPage.getByText("member.joined").waitFor();
      await screenshot(adminPage, "invite-6-audit");
    } finally {
      await admin.close();
      await viewer.close();
    }
  });
});
