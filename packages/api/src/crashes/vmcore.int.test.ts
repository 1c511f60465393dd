import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dbTest } from "@fleetdeck/db/testing";
import { describe, expect } from "vitest";
import { receiveCrash } from "../agent-api/crash-intake.service";
import { FileBlobStore } from "../blobs/blob-store";
import { createCaller } from "../root";
import { contextFor } from "../testing/context";
import { memberOf } from "../testing/people";

const corpus = path.resolve(import.meta.dirname, "../../../../fixtures/shared/crashes");
const log = readFileSync(path.join(corpus, "sysrq_c_6.1_a.log"), "utf8");

describe("vmcores", () => {
  dbTest(
    "agents are asked for the dump only when the organization collects them, and a replay gets the same ids",
    async ({ db }) => {
      const owner = await memberOf(db, "acme", "owner");
      const admin = createCaller(
        await contextFor(db, { sessionToken: owner.token, orgSlug: "acme" }),
      );
      const blobs = new FileBlobStore(mkdtempSync(path.join(tmpdir(), "blobs-")));
      const host = await db.prisma.host.create({
        data: { organizationId: owner.orgId, name: "h1", publicKey: "k1", machineId: "m1" },
      });
      const upload = (bootId: string) => ({
        v: 1 as const,
        source: "kdump" as const,
        bootId,
        collectedAt: new Date().toISOString(),
        text: log,
        appliedRevisionId: null,
      });
      const first = await receiveCrash(db, blobs, host, upload("b1") as never);
      expect(first).toMatchObject({ duplicates: 0, uploadVmcore: false });
      expect(first.crashIds).toHaveLength(1);

      await admin.org.setCrashSettings({ collectVmcores: true });
      expect(await admin.org.crashSettings()).toEqual({ collectVmcores: true });
      const replay = await receiveCrash(db, blobs, host, upload("b1") as never);
      expect(replay).toEqual({ crashIds: first.crashIds, duplicates: 1, uploadVmcore: true });
      await db.prisma.crash.update({
        where: { id: first.crashIds[0] as string },
        data: { vmcoreBlob: "sha256/ab", vmcoreBytes: 10n },
      });
      expect((await receiveCrash(db, blobs, host, upload("b1") as never)).uploadVmcore).toBe(false);
      expect((await receiveCrash(db, blobs, host, upload("b2") as never)).uploadVmcore).toBe(true);
    },
  );

  dbTest(
    "fetch vmcore sends one vmcore.fetch to the crashed host; operators only; not for non-kdump reports",
    async ({ db }) => {
      const operator = await memberOf(db, "acme", "operator");
      const viewer = await memberOf(db, "acme", "viewer");
      const other = await memberOf(db, "globex", "owner");
      const as = async (m: { token: string; slug: string }) =>
        createCaller(await contextFor(db, { sessionToken: m.token, orgSlug: m.slug }));
      const blobs = new FileBlobStore(mkdtempSync(path.join(tmpdir(), "blobs-")));
      const host = await db.prisma.host.create({
        data: { organizationId: operator.orgId, name: "h1", publicKey: "k1", machineId: "m1" },
      });
      const base = {
        v: 1 as const,
        collectedAt: new Date().toISOString(),
        text: log,
        appliedRevisionId: null,
      };
      const kdump = await receiveCrash(db, blobs, host, {
        ...base,
        source: "kdump",
        bootId: "b1",
      } as never);
      const journal = await receiveCrash(db, blobs, host, {
        ...base,
        source: "journal",
        bootId: "b2",
      } as never);
      const crashId = kdump.crashIds[0] as string;

      const ops = await as(operator);
      const command = await ops.crashes.fetchVmcore({ crashId });
      expect(command.created).toBe(true);
      expect(await ops.crashes.fetchVmcore({ crashId })).toEqual({
        id: command.id,
        created: false,
      });
      const stored = await db.prisma.command.findUniqueOrThrow({ where: { id: command.id } });
      expect(stored).toMatchObject({
        hostId: host.id,
        type: "vmcore.fetch",
        args: { crashId, bootId: "b1", source: "kdump" },
      });
      await expect(
        ops.crashes.fetchVmcore({ crashId: journal.crashIds[0] as string }),
      ).rejects.toThrow(/Only kdump keeps a vmcore/);
      await expect((await as(viewer)).crashes.fetchVmcore({ crashId })).rejects.toThrow(
        /FORBIDDEN|permission|role/i,
      );
      await expect((await as(other)).crashes.fetchVmcore({ crashId })).rejects.toThrow(
        /No such crash/,
      );
      await expect(
        (await as(viewer)).org.setCrashSettings({ collectVmcores: true }),
      ).rejects.toThrow();

      const { groupId } = await db.prisma.crash.findUniqueOrThrow({ where: { id: crashId } });
      const group = await ops.crashes.group({ groupId });
      expect(group.vmcore[crashId]?.request).toMatchObject({
        commandId: command.id,
        state: "queued",
      });
    },
  );
});
