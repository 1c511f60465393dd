import type { Db } from "@fleetdeck/db";
import { dbTest } from "@fleetdeck/db/testing";
import { describe, expect } from "vitest";
import { testSigner } from "../../testing/context";
import { memberOf } from "../../testing/people";
import { operateRollout } from "../operations.service";
import { createRollout } from "../plan.service";
import { type EngineDeps, stepRollout } from "./step";
import { agentsAnswer, fleetWithPolicy } from "./testing";

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

async function setup(db: Db, n: number, strategy: Record<string, unknown>) {
  const operator = await memberOf(db, "acme", "operator");
  const { revisionId, hosts } = await fleetWithPolicy(db, operator.orgId, operator.userId, n);
  const created = await createRollout(db, {
    organizationId: operator.orgId,
    revisionId,
    name: "r",
    target: { kind: "all" },
    strategy,
    createdById: operator.userId,
  });
  const actor = { userId: operator.userId, email: operator.email };
  await operateRollout(db, {
    organizationId: operator.orgId,
    rolloutId: created.rolloutId,
    operation: "start",
    actor,
  });
  const deps: EngineDeps = { db, signer: testSigner, owner: null };
  const step = (at = new Date()) => stepRollout(deps, created.rolloutId, at);
  const rollout = () =>
    db.prisma.rollout.findUniqueOrThrow({
      where: { id: created.rolloutId },
      include: { hosts: true, waves: { orderBy: { index: "asc" } } },
    });
  return {
    operator,
    actor,
    revisionId,
    hosts,
    rolloutId: created.rolloutId,
    created,
    step,
    rollout,
  };
}

describe("the rollout engine", () => {
  dbTest("a good revision goes through a canary and three waves on 20 hosts", async ({ db }) => {
    const t = await setup(db, 20, {
      canary: { count: 1 },
      waves: [{ percent: 10 }, { percent: 50 }, { percent: 100 }],
      bakeSeconds: 0,
    });
    expect(t.created.waveSizes).toEqual([1, 1, 8, 10]);
    for (let i = 0; i < 20 && (await t.rollout()).state === "running"; i++) {
      await t.step();
      await agentsAnswer(db);
      await t.step();
    }
    const done = await t.rollout();
    expect(done.state).toBe("completed");
    expect(done.hosts.every((h) => h.state === "verified")).toBe(true);
    expect(done.waves.map((w) => w.state)).toEqual(["passed", "passed", "passed", "passed"]);
    // One command per host: nothing was sent twice.
    expect(await db.prisma.command.count({ where: { type: "tc.apply" } })).toBe(20);
  });

  dbTest(
    "a revision failing on two hosts aborts within its budget and rolls back every touched host",
    async ({ db }) => {
      const t = await setup(db, 10, {
        canary: { count: 2 },
        waves: [{ percent: 100 }],
        bakeSeconds: 0,
        failureBudget: { perWave: { count: 1 }, overall: { count: 1 } },
      });
      await t.step();
      await t.step();
      await agentsAnswer(db);
      await t.step();
      const secondWave = (await t.rollout()).hosts.filter((h) => h.wave === 1).map((h) => h.hostId);
      const bad = new Set(secondWave.slice(0, 2));
      await agentsAnswer(db, (hostId, type) =>
        type === "tc.apply" && bad.has(hostId) ? "refused" : "applied",
      );
      await t.step();
      const aborted = await t.rollout();
      expect(aborted.state).toBe("rolling_back");
      // The refused ones undid themselves: nothing to roll back, and they keep why they failed.
      const refused = aborted.hosts.filter((h) => bad.has(h.hostId));
      expect(refused.map((h) => h.state)).toEqual(["failed", "failed"]);
      expect(refused[0]?.reason).toMatch(
        /the kernel refused: .*\(the host restored its previous tree\)/,
      );
      expect(aborted.hosts.filter((h) => h.rollbackCommandId !== null)).toHaveLength(8);
      expect(aborted.hosts.filter((h) => h.state === "rolling_back")).toHaveLength(8);
      await agentsAnswer(db);
      await t.step();
      const after = await t.rollout();
      expect(after.state).toBe("rolled_back");
      expect(
        after.hosts.filter((h) => !bad.has(h.hostId)).every((h) => h.state === "rolled_back"),
      ).toBe(true);
      const restores = await db.prisma.command.findMany({
        where: { type: "tc.restore" },
        select: { args: true },
      });
      expect(restores.every((r) => (r.args as { target: string }).target === "snapshot")).toBe(
        true,
      );
    },
  );

  dbTest(
    "a crash during bake fails the wave and triggers the abort; dispatch stops at once",
    async ({ db }) => {
      const t = await setup(db, 6, {
        canary: { count: 2 },
        waves: [{ percent: 100 }],
        bakeSeconds: 600,
      });
      await t.step();
      await agentsAnswer(db);
      await t.step();
      const canary = (await t.rollout()).hosts.find((h) => h.wave === 0);
      const group = await db.prisma.crashGroup.create({
        data: {
          organizationId: t.operator.orgId,
          signature: "v1:x",
          title: "BUG: kernel NULL pointer dereference in f",
          kind: "null-deref",
          why: "w",
          firstSeenAt: new Date(),
          lastSeenAt: new Date(),
        },
      });
      await db.prisma.crash.create({
        data: {
          organizationId: t.operator.orgId,
          hostId: canary?.hostId as string,
          groupId: group.id,
          bootId: "boot-2",
          source: "kdump",
          collectedAt: new Date(),
          contentHash: "c",
          rawBytes: 1,
          parsed: {},
          kind: "null-deref",
          title: group.title,
          signatureExact: "e",
        },
      });
      await t.step();
      const r = await t.rollout();
      expect(r.state).toBe("rolling_back");
      // Failed as crashed, and already on its way back (the reason and crash group stay).
      expect(r.hosts.find((h) => h.hostId === canary?.hostId)).toMatchObject({
        state: "rolling_back",
        crashGroupId: group.id,
        reason: expect.stringMatching(/^kernel crash during bake/),
      });
      const events = await db.prisma.rolloutEvent.findMany({
        where: { rolloutId: t.rolloutId },
        select: { type: true, message: true },
      });
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining(["host_failed", "aborted", "rolling_back"]),
      );
      expect(
        r.hosts
          .filter((h) => h.wave === 1)
          .every((h) => h.state === "queued" && h.commandId === null),
      ).toBe(true);
    },
  );

  dbTest("an offline host counts as a failure, not a success", async ({ db }) => {
    const t = await setup(db, 3, {
      canary: { count: 1 },
      waves: [{ percent: 100 }],
      bakeSeconds: 0,
      applyTimeoutSeconds: 60,
    });
    await t.step();
    await t.step(later(61));
    const r = await t.rollout();
    expect(r.hosts.find((h) => h.wave === 0)).toMatchObject({
      reason: expect.stringMatching(/no report before the wave's deadline/),
    });
    expect(r.abortReason).toMatch(/1 hosts failed in wave 0/);
    expect(["aborted", "rolling_back"]).toContain(r.state);
  });

  dbTest("pause holds the next wave; resume and retry-failed-only carry on", async ({ db }) => {
    const t = await setup(db, 4, {
      canary: { count: 1 },
      waves: [{ percent: 100 }],
      bakeSeconds: 600,
      failureBudget: { perWave: { count: 1 }, overall: { count: 1 } },
    });
    await t.step();
    await operateRollout(db, {
      organizationId: t.operator.orgId,
      rolloutId: t.rolloutId,
      operation: "pause",
      actor: t.actor,
    });
    await agentsAnswer(db);
    await t.step(later(10));
    await t.step(later(700));
    // The canary baked and passed, but a paused rollout starts no wave.
    expect(
      (await t.rollout()).hosts.filter((h) => h.wave === 1).every((h) => h.state === "queued"),
    ).toBe(true);
    await operateRollout(db, {
      organizationId: t.operator.orgId,
      rolloutId: t.rolloutId,
      operation: "resume",
      actor: t.actor,
    });
    await t.step(later(701));
    const wave1 = (await t.rollout()).hosts.filter((h) => h.wave === 1);
    expect(wave1.every((h) => h.state === "applying")).toBe(true);
    const unlucky = wave1[0]?.hostId as string;
    await agentsAnswer(db, (hostId) => (hostId === unlucky ? "refused" : "applied"));
    await t.step(later(702));
    expect((await t.rollout()).hosts.find((h) => h.hostId === unlucky)?.state).toBe("failed");
    await operateRollout(db, {
      organizationId: t.operator.orgId,
      rolloutId: t.rolloutId,
      operation: "retry_failed",
      actor: t.actor,
    });
    await t.step(later(703));
    expect(await db.prisma.command.count({ where: { hostId: unlucky, type: "tc.apply" } })).toBe(2);
    await agentsAnswer(db);
    await t.step(later(704));
    await t.step(later(1400));
    const r = await t.rollout();
    expect(r.state).toBe("completed");
    expect(r.hosts.find((h) => h.hostId === unlucky)).toMatchObject({
      state: "verified",
      attempt: 2,
    });
  });

  dbTest("two engines stepping one rollout at once never dispatch twice", async ({ db }) => {
    const t = await setup(db, 30, {
      canary: { count: 10 },
      waves: [{ percent: 100 }],
      bakeSeconds: 0,
    });
    await Promise.all(Array.from({ length: 6 }, () => t.step()));
    expect(await db.prisma.command.count({ where: { type: "tc.apply" } })).toBe(10);
    await agentsAnswer(db);
    await Promise.all(Array.from({ length: 6 }, () => t.step()));
    await agentsAnswer(db);
    await Promise.all(Array.from({ length: 6 }, () => t.step()));
    expect(await db.prisma.command.count({ where: { type: "tc.apply" } })).toBe(30);
    expect((await t.rollout()).state).toBe("completed");
  });
});
