import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { SESSION_COOKIE, seedSignedInUser, type SeededUser } from "./fixtures";
import { type RunningServer, startServer } from "./server-process";

/** Each section and the text its empty (first-run) state shows. */
const sections = [
  { label: "Fleet", path: "fleet", empty: "No hosts enrolled yet" },
  { label: "Policies", path: "policies", empty: "No policies yet" },
  { label: "Rollouts", path: "rollouts", empty: "No rollouts yet" },
  { label: "Crashes", path: "crashes", empty: "No crashes collected" },
  { label: "Audit log", path: "audit", empty: "Nothing recorded yet" },
  { label: "Settings", path: "settings", empty: "Ada Lovelace" },
];

let server: RunningServer;
let user: SeededUser;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  const db = createDb(database.url, { max: 2 });
  user = await seedSignedInUser(db, {
    email: "ada@example.com",
    name: "Ada Lovelace",
    orgs: [
      { slug: "acme", name: "Acme Networks", role: "owner" },
      { slug: "globex", name: "Globex Edge", role: "viewer" },
    ],
  });
  await db.close();
  server = await startServer(database.url);
});

afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

async function signedInPage(options: Parameters<typeof launchBrowser>[0] = {}) {
  const browser = await launchBrowser(options);
  await browser.context.addCookies([
    { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
  ]);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return { browser, page };
}

describe("dashboard shell", () => {
  test("walks every section on a desktop, in light and dark", async () => {
    const { browser, page } = await signedInPage();
    try {
      await page.goto(server.url);
      await page.waitForURL(`${server.url}/o/acme/fleet`);
      for (const theme of ["light", "dark"] as const) {
        if (theme === "dark") {
          await page.getByRole("button", { name: /account menu/i }).click();
          await page.getByRole("button", { name: "Dark", exact: true }).click();
          await page.keyboard.press("Escape");
          expect(
            await page.evaluate(() => document.documentElement.classList.contains("dark")),
          ).toBe(true);
        }
        for (const section of sections) {
          await page
            .getByRole("navigation", { name: "Sections" })
            .getByRole("link", { name: section.label })
            .click();
          await page.waitForURL(`${server.url}/o/acme/${section.path}`);
          await expect
            .poll(() => page.getByRole("heading", { level: 1 }).textContent())
            .toBe(section.label);
          await page.getByText(section.empty).first().waitFor();
          const current = page
            .getByRole("navigation", { name: "Sections" })
            .locator('[aria-current="page"]');
          expect(await current.textContent()).toBe(section.label);
          await screenshot(page, `shell-1440-${theme}-${section.path}`);
        }
      }
      // The choice survives a reload (no flash of the other theme).
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
        true,
      );
    } finally {
      await browser.close();
    }
  });

  test("switches organization and keeps the section", async () => {
    const { browser, page } = await signedInPage();
    try {
      await page.goto(`${server.url}/o/acme/crashes`);
      await page.getByRole("button", { name: /Organization: Acme Networks/ }).click();
      await page.getByRole("menuitem", { name: /Globex Edge/ }).click();
      await page.waitForURL(`${server.url}/o/globex/crashes`);
      await page.getByRole("button", { name: /Organization: Globex Edge/ }).waitFor();
      const res = await page.goto(`${server.url}/o/not-mine/fleet`);
      expect(res?.status()).toBe(404);
    } finally {
      await browser.close();
    }
  });

  test("works on a phone: the navigation folds into a menu", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { browser, page } = await signedInPage({
        viewport: { width: 390, height: 844 },
        colorScheme,
      });
      try {
        await page.goto(`${server.url}/o/acme/fleet`);
        expect(await page.getByRole("navigation", { name: "Sections" }).isVisible()).toBe(false);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, "no horizontal scrolling on a phone").toBeLessThanOrEqual(0);
        await screenshot(page, `shell-390-${colorScheme}-fleet`);
        await page.getByRole("button", { name: "Open navigation" }).click();
        await screenshot(page, `shell-390-${colorScheme}-menu`);
        await page.getByRole("dialog").getByRole("link", { name: "Rollouts" }).click();
        await page.waitForURL(`${server.url}/o/acme/rollouts`);
        await page.getByText("No rollouts yet").waitFor();
        expect(await page.getByRole("dialog").count()).toBe(0);
        await screenshot(page, `shell-390-${colorScheme}-rollouts`);
      } finally {
        await browser.close();
      }
    }
  });

  test("a visitor without a session is sent to sign in", async () => {
    const res = await fetch(`${server.url}/o/acme/fleet`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toMatch(/\/login\?next=/);
  });
});
