import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FileBlobStore, ingestCrashLog } from "@fleetdeck/api";
import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { SESSION_COOKIE, type SeededUser, seedSignedInUser } from "./fixtures";
import { type RunningServer, startServer } from "./server-process";

const corpus = path.resolve(import.meta.dirname, "../../../fixtures/shared/crashes");
let server: RunningServer;
let user: SeededUser;
let dropDatabase: () => Promise<void>;
let firstHostId = "";

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  const dataDir = mkdtempSync(path.join(tmpdir(), "fleetdeck-crash-e2e-"));
  const db = createDb(database.url, { max: 2 });
  user = await seedSignedInUser(db, {
    email: "oncall@acme.test",
    name: "Otto Oncall",
    orgs: [{ slug: "acme", name: "Acme", role: "operator" }],
  });
  const org = user.orgs[0]?.id as string;
  const blobs = new FileBlobStore(path.join(dataDir, "blobs"));
  const files = [
    "centos7_nf_conntrack_3.10.log",
    "lkdtm_ACCESS_NULL_6.1.log",
    "lkdtm_WARNING_6.1_a.log",
    "sysrq_c_6.1_a.log",
    "lkdtm_SOFTLOCKUP_6.1.log",
  ];
  for (let h = 0; h < 4; h++) {
    const host = await db.prisma.host.create({
      data: {
        organizationId: org,
        name: `edge-${h + 1}`,
        publicKey: `key-${h}`,
        machineId: `m${h}`,
        labels: { env: "prod" },
      },
    });
    if (h === 0) firstHostId = host.id;
    for (const [i, file] of files.entries()) {
      if ((h + i) % 2 === 1 && i > 0) continue;
      await ingestCrashLog(db, blobs, {
        organizationId: org,
        hostId: host.id,
        source: "kdump",
        bootId: `boot-${h}-${i}`,
        collectedAt: new Date(Date.now() - ((h * 5 + i) * 86_400_000) / 3),
        text: readFileSync(path.join(corpus, file), "utf8"),
        appliedRevisionId: null,
      });
    }
  }
  await db.close();
  server = await startServer(database.url, { FLEETDECK_DATA_DIR: dataDir });
});

afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

describe("the crash inbox", () => {
  test("lists the groups, opens one with its trace and raw log, and triages it", async () => {
    const browser = await launchBrowser();
    try {
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: user.sessionToken, url: server.url },
      ]);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.url}/o/acme/crashes`);
      const nfConntrack = page.getByRole("link", {
        name: "BUG: unable to handle kernel NULL pointer dereference in nf_ct_deliver_cached_events",
      });
      await nfConntrack.waitFor();
      await screenshot(page, "crash-1-inbox");
      await nfConntrack.click();
      await page.getByRole("heading", { name: /nf_ct_deliver_cached_events/ }).waitFor();
      const guilty = page
        .getByRole("list", { name: "Call trace" })
        .locator('[aria-current="true"]');
      expect(await guilty.textContent()).toContain("nf_ct_deliver_cached_events");
      await page
        .getByText("primary v1: kind=null-deref, function=nf_ct_deliver_cached_events")
        .waitFor();
      await page.getByRole("heading", { name: "Raw log" }).waitFor();
      await page.locator(".bg-warn-soft").first().waitFor();
      await screenshot(page, "crash-2-group");
      await page
        .getByLabel("Add a comment")
        .fill("Reproduced on edge-1: nfnetlink_queue verdict path.");
      await page.getByRole("button", { name: "Comment" }).click();
      await page.getByText("Reproduced on edge-1").waitFor();
      await page.getByRole("combobox", { name: "Status" }).click();
      await page.getByRole("option", { name: "triaged" }).click();
      await expect
        .poll(() => page.getByRole("combobox", { name: "Status" }).textContent())
        .toBe("triaged");
      const raw = await page.evaluate(async () => {
        const link = document.querySelector<HTMLAnchorElement>('a[href*="/raw?download=1"]');
        const res = await fetch(link?.href ?? "");
        return {
          status: res.status,
          disposition: res.headers.get("content-disposition"),
          text: (await res.text()).slice(0, 200),
        };
      });
      expect(raw.status).toBe(200);
      expect(raw.disposition).toMatch(/attachment; filename="edge-\d-/);
      await page.goto(`${server.url}/o/acme/crashes`, { waitUntil: "networkidle" });
      await screenshot(page, "crash-3-inbox-after");

      // The host page lists the host's own crashes, each linked to its group.
      await page.goto(`${server.url}/o/acme/fleet/${firstHostId}`);
      await page.getByRole("tab", { name: "Crashes" }).click();
      const list = page.getByRole("list", { name: "Crashes" });
      await list.getByRole("link", { name: /nf_ct_deliver_cached_events/ }).waitFor();
      expect(await list.getByRole("listitem").count()).toBeGreaterThanOrEqual(3);
      await screenshot(page, "crash-4-host-crashes");
    } finally {
      await browser.close();
    }
  });
});
