import { randomUUID } from "node:crypto";
import type { Db } from "@fleetdeck/db";
import { dbTest } from "@fleetdeck/db/testing";
import type { CommandResult } from "@fleetdeck/protocol";
import { generateKeyPair } from "@fleetdeck/protocol";
import pg from "pg";
import { describe, expect } from "vitest";
import { ROLLOUTS_CHANNEL } from "../rollouts/events";
import { recordCommandResults } from "./commands.service";

async function seed(db: Db) {
  const org = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
  const host = async (name: string) =>
    (
      await db.prisma.host.create({
        data: {
          organizationId: org.id,
          name,
          publicKey: generateKeyPair().publicKey,
          machineId: `${name}-machine`,
        },
      })
    ).id;
  const a = await host("a");
  const b = await host("b");
  const command = async (hostId: string, idempotencyKey: string) =>
    (
      await db.prisma.command.create({
        data: {
          id: randomUUID(),
          organizationId: org.id,
          hostId,
          type: "agent.ping",
          idempotencyKey,
          signature: "s".repeat(86),
          state: "running",
          createdAt: new Date(),
          expiresAt: new Date(Date.now() + 60_000),
        },
      })
    ).id;
  return { org, a, b, command };
}

const result = (over: Partial<CommandResult> = {}): CommandResult => ({
  v: 1,
  state: "succeeded",
  rejection: null,
  exitCode: 0,
  output: { pong: true },
  stderr: "",
  error: null,
  startedAt: Date.now() - 50,
  finishedAt: Date.now(),
  dryRun: false,
  ...over,
});

describe("command results, many at once", () => {
  dbTest(
    "each stored once; another host's, unknown and malformed ids are not found; a replay changes nothing",
    async ({ db }) => {
      const { a, b, command } = await seed(db);
      const ok = await command(a, "k1");
      const failing = await command(a, "k2");
      const others = await command(b, "k3");
      const found = await recordCommandResults(db, [
        { hostId: a, id: ok, result: result() },
        { hostId: a, id: failing, result: result({ state: "failed", exitCode: 2, stderr: "no" }) },
        { hostId: a, id: others, result: result() },
        { hostId: a, id: randomUUID(), result: result() },
        { hostId: a, id: "------------------------------------", result: result() },
      ]);
      expect(found).toEqual([true, true, false, false, false]);
      const stored = await db.prisma.command.findUniqueOrThrow({ where: { id: failing } });
      expect(stored).toMatchObject({ state: "failed", exitCode: 2, stderr: "no" });
      expect((await db.prisma.command.findUniqueOrThrow({ where: { id: others } })).state).toBe(
        "running",
      );

      // The same command answered again (an agent's outbox replaying): found, unchanged.
      const again = await recordCommandResults(db, [
        { hostId: a, id: failing, result: result({ state: "succeeded", exitCode: 0 }) },
      ]);
      expect(again).toEqual([true]);
      expect(await db.prisma.command.findUniqueOrThrow({ where: { id: failing } })).toMatchObject({
        state: "failed",
        exitCode: 2,
      });
    },
  );

  dbTest(
    "a refused command is audited with its reason; a rollout's result wakes the rollout worker once",
    async ({ db, databaseUrl }) => {
      const { a, b, command } = await seed(db);
      const rollout = randomUUID();
      const refused = await command(a, "k-refused");
      const waveA = await command(a, `rollout:${rollout}:${a}:rev:1`);
      const waveB = await command(b, `rollout:${rollout}:${b}:rev:1`);
      const listener = new pg.Client({ connectionString: databaseUrl });
      await listener.connect();
      const wakes: string[] = [];
      listener.on("notification", (m) => wakes.push(m.payload ?? ""));
      await listener.query(`LISTEN ${ROLLOUTS_CHANNEL}`);
      try {
        await recordCommandResults(db, [
          {
            hostId: a,
            id: refused,
            result: result({ state: "rejected", rejection: "expired", error: "too late" }),
          },
          { hostId: a, id: waveA, result: result() },
          { hostId: b, id: waveB, result: result() },
        ]);
        await expect.poll(() => wakes).toEqual([rollout]);
      } finally {
        await listener.end();
      }
      const audit = await db.prisma.auditEvent.findFirstOrThrow({
        where: { action: "command.rejected_by_agent" },
      });
      expect(audit).toMatchObject({ targetId: refused, actorLabel: `host:${a}` });
      expect(
        (await db.prisma.command.findUniqueOrThrow({ where: { id: refused } })).rejection,
      ).toBe("expired");
    },
  );
});
