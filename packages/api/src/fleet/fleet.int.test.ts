import type { Db } from "@fleetdeck/db";
import { dbTest } from "@fleetdeck/db/testing";
import { generateKeyPair } from "@fleetdeck/protocol";
import { describe, expect } from "vitest";
import { createCaller } from "../root";
import { contextFor } from "../testing/context";
import { memberOf } from "../testing/people";
import { HOST_SORTS, hostChanges, revokeHost } from "./hosts.service";

async function seedHosts(db: Db, organizationId: string) {
  const kernels = ["6.1.0-56-amd64", "5.10.0-30-amd64", "3.10.0-1160.el7.x86_64"];
  for (let i = 0; i < 30; i++) {
    await db.prisma.host.create({
      data: {
        organizationId,
        name: `web-${String(i).padStart(2, "0")}`,
        publicKey: `key-${organizationId}-${i}`,
        machineId: `m${i}`,
        labels: { env: i % 2 ? "prod" : "staging", site: i % 3 ? "fra1" : "ams2" },
        kernelRelease: kernels[i % 3] ?? null,
        online: i % 4 !== 0,
        lastSeenAt: i % 5 === 0 ? null : new Date(Date.now() - i * 1000),
      },
    });
  }
}

describe("the fleet table", () => {
  dbTest(
    "filters by search, label, status and kernel, sorts by every column, and pages",
    async ({ db }) => {
      const owner = await memberOf(db, "acme", "owner");
      await seedHosts(db, owner.orgId);
      const caller = createCaller(
        await contextFor(db, { sessionToken: owner.token, orgSlug: "acme" }),
      );
      const all = await caller.fleet.hosts({ pageSize: 10 });
      expect(all.total).toBe(30);
      expect(all.rows.map((r) => r.name)).toEqual(
        Array.from({ length: 10 }, (_, i) => `web-${String(i).padStart(2, "0")}`),
      );
      expect((await caller.fleet.hosts({ search: "WEB-2" })).total).toBe(10);
      expect(
        (await caller.fleet.hosts({ labels: "env=prod, site=ams2" })).rows.every(
          (r) => r.labels.env === "prod" && r.labels.site === "ams2",
        ),
      ).toBe(true);
      expect((await caller.fleet.hosts({ labels: "env=prod, site=ams2" })).total).toBe(5);
      expect((await caller.fleet.hosts({ status: "offline" })).total).toBe(8);
      expect((await caller.fleet.hosts({ kernel: "3.10.0-1160.el7.x86_64" })).total).toBe(10);
      for (const sort of HOST_SORTS) {
        for (const direction of ["asc", "desc"] as const) {
          const page = await caller.fleet.hosts({ sort, direction, pageSize: 30 });
          expect(page.rows).toHaveLength(30);
        }
      }
      const bySeen = await caller.fleet.hosts({
        sort: "lastSeenAt",
        direction: "desc",
        pageSize: 30,
      });
      expect(bySeen.rows.at(-1)?.lastSeenAt).toBeNull();
      const second = await caller.fleet.hosts({ page: 2, pageSize: 10 });
      expect(second.rows[0]?.name).toBe("web-20");
      const facets = await caller.fleet.facets();
      expect(facets).toMatchObject({ online: 22, offline: 8 });
      expect(facets.labels).toContainEqual({ value: "env=prod", count: 15 });
    },
  );

  dbTest("a bad label filter is a plain error, not a crash", async ({ db }) => {
    const owner = await memberOf(db, "acme", "owner");
    const caller = createCaller(
      await contextFor(db, { sessionToken: owner.token, orgSlug: "acme" }),
    );
    await expect(caller.fleet.hosts({ labels: "env" })).rejects.toThrow(/not key=value/);
  });
});

describe("host changes", () => {
  dbTest("revoking a host tells this instance before it returns", async ({ db }) => {
    const org = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
    const host = await db.prisma.host.create({
      data: {
        organizationId: org.id,
        name: "doomed",
        publicKey: generateKeyPair().publicKey,
        machineId: "doomed",
      },
    });
    const seen: string[] = [];
    const listener = (id: string) => seen.push(id);
    hostChanges().on("changed", listener);
    try {
      await revokeHost(db, org.id, host.id);
      expect(seen).toEqual([host.id]);
    } finally {
      hostChanges().off("changed", listener);
    }
  });
});
