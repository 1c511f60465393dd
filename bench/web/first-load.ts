/**
 * First Load JS of the dashboard's pages, raw and gzipped (the size on the wire): the
 * scripts the page's HTML loads (what Next calls First Load JS), then everything a fresh
 * browser has fetched by network idle, which adds the prefetches of linked routes.
 * Needs a build (`pnpm build`).
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/web/first-load.ts
 */
import { gzipSync } from "node:zlib";
import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/test-server";
import { launchBrowser } from "../../apps/web/e2e/browser";
import { SESSION_COOKIE, seedSignedInUser } from "../../apps/web/e2e/fixtures";
import { startServer } from "../../apps/web/e2e/server-process";

const database = await createTestDatabase();
const db = createDb(database.url, { max: 2 });
const user = await seedSignedInUser(db, {
  email: "ops@acme.test",
  orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
});
await db.close();
const server = await startServer(database.url);

// Signed-out pages first (a session would redirect them to the dashboard).
const pages = [
  "/login",
  "/signup",
  "/o/acme/fleet",
  "/o/acme/policies",
  "/o/acme/settings",
  "/o/acme/audit",
  "/account",
];
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`.padStart(9);
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
console.log(
  "page                 first load: scripts   raw      gzipped | by network idle: scripts   raw      gzipped",
);
for (const pathname of pages) {
  const browser = await launchBrowser();
  if (pathname.startsWith("/o/") || pathname === "/account") {
    await browser.context.addCookies([
      { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
    ]);
  }
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const scripts = new Map<string, Promise<Buffer>>();
  page.on("response", (res) => {
    if (res.request().resourceType() === "script")
      scripts.set(new URL(res.url()).pathname, res.body());
  });
  const response = await page.goto(`${server.url}${pathname}`, { waitUntil: "networkidle" });
  const html = (await response?.text()) ?? "";
  const entry = [...html.matchAll(/<script src="([^"]+)" async=""/g)].map((m) => m[1] as string);
  const all = new Map<string, Buffer>();
  for (const [url, body] of scripts) all.set(url, await body);
  const first = entry.map((url) => all.get(url)).filter((b): b is Buffer => b !== undefined);
  const sum = (list: Buffer[], f: (b: Buffer) => number) => list.reduce((n, b) => n + f(b), 0);
  const everything = [...all.values()];
  console.log(
    `${pathname.padEnd(20)} ${String(first.length).padStart(16)} ${kb(sum(first, (b) => b.length))} ${kb(sum(first, gz))} | ${String(everything.length).padStart(24)} ${kb(sum(everything, (b) => b.length))} ${kb(sum(everything, gz))}`,
  );
  await browser.close();
}
await server.stop();
await database.drop();
process.exit(0);
