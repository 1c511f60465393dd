import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@fleetdeck/db";
import { dbTest } from "@fleetdeck/db/testing";
import { describe, expect } from "vitest";
import { FileBlobStore } from "../blobs/blob-store";
import { createCaller } from "../root";
import { contextFor } from "../testing/context";
import { memberOf } from "../testing/people";
import { ingestCrashLog } from "./ingest.service";

const corpus = path.resolve(import.meta.dirname, "../../../../fixtures/shared/crashes");
const manifest = readFileSync(path.join(corpus, "MANIFEST.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split("\t"))
  .map(([file, , , , , , group]) => ({ file: file as string, group: group as string }));

async function hostIn(db: Db, organizationId: string, name: string) {
  return db.prisma.host.create({
    data: { organizationId, name, publicKey: `k-${name}-${organizationId}`, machineId: name },
    select: { id: true },
  });
}

describe("crash ingest and triage", () => {
  dbTest(
    "the fixture corpus forms exactly its duplicate groups, and a rescan adds nothing",
    async ({ db }) => {
      const owner = await memberOf(db, "acme", "owner");
      const blobs = new FileBlobStore(mkdtempSync(path.join(tmpdir(), "blobs-")));
      const host = await hostIn(db, owner.orgId, "h1");
      const ingest = (file: string) =>
        ingestCrashLog(db, blobs, {
          organizationId: owner.orgId,
          hostId: host.id,
          source: "kdump",
          bootId: file,
          collectedAt: new Date(),
          text: readFileSync(path.join(corpus, file), "utf8"),
          appliedRevisionId: null,
        });
      for (const { file } of manifest) await ingest(file);
      const expectedGroups = new Set(manifest.filter((m) => m.group !== "-").map((m) => m.group));
      const groups = await db.prisma.crashGroup.findMany({
        where: { organizationId: owner.orgId },
      });
      expect(groups).toHaveLength(expectedGroups.size);
      const firstCount = await db.prisma.crash.count();
      const firstIds = (await db.prisma.crash.findMany({ select: { id: true } })).map((c) => c.id);
      // Ingesting again adds nothing and answers with the same crash ids.
      for (const { file } of manifest) {
        const again = await ingest(file);
        expect(again.duplicates).toBe(again.crashIds.length);
        for (const id of again.crashIds) expect(firstIds).toContain(id);
      }
      expect(await db.prisma.crash.count()).toBe(firstCount);
    },
  );

  dbTest(
    "a crash after 'fixed' reopens the group as regressed; merge and split persist for new crashes",
    async ({ db }) => {
      const owner = await memberOf(db, "acme", "owner");
      const caller = createCaller(
        await contextFor(db, { sessionToken: owner.token, orgSlug: "acme" }),
      );
      const blobs = new FileBlobStore(mkdtempSync(path.join(tmpdir(), "blobs-")));
      const host = await hostIn(db, owner.orgId, "h1");
      let boot = 0;
      const ingest = (file: string) =>
        ingestCrashLog(db, blobs, {
          organizationId: owner.orgId,
          hostId: host.id,
          source: "kdump",
          bootId: `boot-${boot++}`,
          collectedAt: new Date(),
          text: readFileSync(path.join(corpus, file), "utf8"),
          appliedRevisionId: null,
        });
      const first = await ingest("lkdtm_BUG_6.1_a.log");
      const [bugGroup] = first.groupIds as [string];
      await caller.crashes.setStatus({ groupIds: [bugGroup], status: "fixed" });
      await ingest("lkdtm_BUG_6.1_a.log");
      expect((await caller.crashes.group({ groupId: bugGroup })).group.status).toBe("regressed");

      const warning = (await ingest("lkdtm_WARNING_6.1_a.log")).groupIds[0] as string;
      await caller.crashes.merge({ sourceGroupId: warning, targetGroupId: bugGroup });
      const again = await ingest("lkdtm_WARNING_6.1_a.log");
      expect(again.groupIds).toEqual([bugGroup]);
      const merged = await caller.crashes.group({ groupId: bugGroup });
      expect(merged.group.crashCount).toBe(4);

      const crashId = again.crashIds[0] as string;
      const { groupId: own } = await caller.crashes.split({ crashId });
      const later = await ingest("lkdtm_WARNING_6.1_a.log");
      expect(later.groupIds).toEqual([own]);
      expect((await caller.crashes.group({ groupId: own })).group.why).toMatch(/^split by/);
      const inbox = await caller.crashes.inbox({});
      expect(inbox.rows.map((r) => r.id).sort()).toEqual([bugGroup, own].sort());
    },
  );

  dbTest("a flood from one host is counted but its raw texts are capped", async ({ db }) => {
    const owner = await memberOf(db, "acme", "owner");
    const blobs = new FileBlobStore(mkdtempSync(path.join(tmpdir(), "blobs-")));
    const host = await hostIn(db, owner.orgId, "noisy");
    const text = readFileSync(path.join(corpus, "lkdtm_WARNING_6.1_a.log"), "utf8");
    for (let i = 0; i < 35; i++) {
      await ingestCrashLog(db, blobs, {
        organizationId: owner.orgId,
        hostId: host.id,
        source: "kmsg",
        bootId: `b${i}`,
        collectedAt: new Date(),
        text,
        appliedRevisionId: null,
      });
    }
    expect(await db.prisma.crash.count({ where: { hostId: host.id } })).toBe(35);
    expect(await db.prisma.crash.count({ where: { hostId: host.id, rawBlob: null } })).toBe(5);
    expect(
      readdirSync(path.join((blobs as unknown as { root: string }).root)).length,
    ).toBeGreaterThan(0);
  });
});
