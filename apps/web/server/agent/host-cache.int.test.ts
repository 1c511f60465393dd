import { hostChanges } from "@fleetdeck/api";
import { dbTest } from "@fleetdeck/db/testing";
import { generateKeyPair } from "@fleetdeck/protocol";
import { describe, expect } from "vitest";
import { HostCache } from "./host-cache";
import { StreamHub } from "./stream-hub";
import { createLogger } from "../logger";

describe("host cache", () => {
  dbTest("looks many hosts up at once; unknown and malformed ids are null", async ({ db }) => {
    const org = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
    const ids: string[] = [];
    for (const name of ["a", "b", "c"]) {
      const host = await db.prisma.host.create({
        data: {
          organizationId: org.id,
          name,
          publicKey: generateKeyPair().publicKey,
          machineId: name,
        },
      });
      ids.push(host.id);
    }
    const cache = new HostCache(db);
    const found = await Promise.all([
      ...ids.map((id) => cache.get(id)),
      cache.get(ids[0] as string),
      cache.get("00000000-0000-4000-8000-000000000000"),
      cache.get("------------------------------------"),
    ]);
    expect(found.map((h) => h?.name ?? null)).toEqual(["a", "b", "c", "a", null, null]);
    expect(found[0]).toBe(found[3]);
  });

  dbTest("a forgotten host is looked up again, even when forgotten mid-lookup", async ({ db }) => {
    const org = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
    const host = await db.prisma.host.create({
      data: {
        organizationId: org.id,
        name: "a",
        publicKey: generateKeyPair().publicKey,
        machineId: "a",
      },
    });
    const cache = new HostCache(db);
    const inFlight = cache.get(host.id);
    await new Promise((r) => setTimeout(r, 5));
    await db.prisma.host.update({ where: { id: host.id }, data: { revokedAt: new Date() } });
    cache.forget(host.id);
    await inFlight;
    expect((await cache.get(host.id))?.revoked).toBe(true);
  });

  dbTest(
    "a host changed on this instance is looked up afresh at once, before its NOTIFY arrives",
    async ({ db, databaseUrl }) => {
      const org = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
      const host = await db.prisma.host.create({
        data: {
          organizationId: org.id,
          name: "doomed",
          publicKey: generateKeyPair().publicKey,
          machineId: "doomed",
        },
      });
      const cache = new HostCache(db);
      const hub = new StreamHub(db, databaseUrl, cache, createLogger("silent"), 15);
      await hub.start();
      try {
        expect((await cache.get(host.id))?.revoked).toBe(false);
        await db.prisma.host.update({ where: { id: host.id }, data: { revokedAt: new Date() } });
        hostChanges().emit("changed", host.id); // what revokeHost does after its NOTIFY
        expect((await cache.get(host.id))?.revoked).toBe(true);
      } finally {
        await hub.stop();
      }
    },
  );
});
