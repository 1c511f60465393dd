import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** The flags this machine's closed network and root user need (TOOLCHAIN.md). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const screenshotDir = path.resolve(import.meta.dirname, "screenshots");

/** Debian's Chromium with a fresh profile; close() also removes the profile. */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; colorScheme?: "light" | "dark" } = {},
) {
  const profile = mkdtempSync(path.join(tmpdir(), "fleetdeck-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // Finished transitions, so a screenshot never catches a colour mid-change.
  await page.screenshot({ path: file, fullPage: false, animations: "disabled" });
  return file;
}
