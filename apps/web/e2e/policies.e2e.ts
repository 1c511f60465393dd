import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { SESSION_COOKIE, type SeededUser, seedSignedInUser } from "./fixtures";
import { type RunningServer, startServer } from "./server-process";

let server: RunningServer;
let user: SeededUser;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  const db = createDb(database.url, { max: 2 });
  user = await seedSignedInUser(db, {
    email: "net@acme.test",
    name: "Nora Net",
    orgs: [{ slug: "acme", name: "Acme", role: "operator" }],
  });
  await db.close();
  server = await startServer(database.url);
});

afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

describe("the policy editor", () => {
  test("create from a preset, see errors at their path as you type, save a revision and read the diff", async () => {
    const browser = await launchBrowser();
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/policies`);
      await page.getByRole("link", { name: "New policy" }).first().click();
      await page.getByLabel("Name").fill("edge-shaping");
      await page.getByText("Interactive before bulk").click();
      await page.getByRole("button", { name: "Create policy" }).click();
      await page.waitForURL(/\/o\/acme\/policies\/[0-9a-f-]{36}$/);
      const editor = page.getByLabel("Policy specification");
      await editor.waitFor();
      await page.getByRole("status").filter({ hasText: "Valid" }).waitFor();
      expect(await page.locator("pre code").first().textContent()).toContain(
        "qdisc replace dev eth0 root handle 1: htb default 20",
      );
      await screenshot(page, "policy-1-valid");

      // Break it: a ceil below the rate, reported at its path while typing.
      const source = await editor.inputValue();
      await editor.fill(source.replace(/ceil: 100mbit/, "ceil: 10mbit"));
      const problem = page.getByRole("list", { name: "Problems" }).getByRole("button").first();
      await expect
        .poll(() => problem.textContent())
        .toMatch(/eth0 egress class 1:10: ceil 10 Mbit\/s is below its rate 30 Mbit\/s/);
      await screenshot(page, "policy-2-invalid");
      expect(await page.getByRole("button", { name: /Save as revision 2/ }).isDisabled()).toBe(
        true,
      );

      // A real change: the bulk class may borrow only up to 50 Mbit/s.
      const lines = source.split("\n");
      const bulk = lines.findIndex((l) => l.includes("id: 1:30"));
      const ceil = lines.findIndex((l, i) => i > bulk && l.includes("ceil:"));
      lines[ceil] = (lines[ceil] ?? "").replace(/ceil: .*/, "ceil: 50mbit");
      await editor.fill(lines.join("\n"));
      await page
        .getByRole("list", { name: "Semantic diff" })
        .getByText("eth0 egress class 1:30 ceil 100 Mbit/s → 50 Mbit/s")
        .waitFor();
      await page.getByLabel("What changed and why").fill("cap bulk at 50 Mbit/s");
      await page.getByRole("button", { name: "Save as revision 2" }).click();
      await page.getByText("Revision 2 by Nora Net").waitFor();
      await page
        .getByRole("list", { name: "Differences between revisions" })
        .getByText(/ceil 100 Mbit\/s → 50 Mbit\/s/)
        .waitFor();
      await page.getByRole("heading", { name: "Revision history" }).scrollIntoViewIfNeeded();
      await screenshot(page, "policy-3-diff");
    } finally {
      await browser.close();
    }
  });
});
