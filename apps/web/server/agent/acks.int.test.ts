import { randomUUID } from "node:crypto";
import type { Db } from "@fleetdeck/db";
import { dbTest } from "@fleetdeck/db/testing";
import { generateKeyPair } from "@fleetdeck/protocol";
import { describe, expect } from "vitest";
import { acknowledgeCommands, type HostAck } from "@fleetdeck/api";
import { Batcher } from "./batcher";

async function seed(db: Db, commands: number) {
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
  const ids: string[] = [];
  for (let i = 0; i < commands; i++) {
    const command = await db.prisma.command.create({
      data: {
        id: randomUUID(),
        organizationId: org.id,
        hostId: a,
        type: "agent.ping",
        idempotencyKey: `k${i}`,
        signature: "s".repeat(86),
        createdAt: new Date(),
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    ids.push(command.id);
  }
  return { a, b, ids };
}

/** Acks as the agent API takes them: each request's ack joins the next batch. */
function ackBatcher(db: Db) {
  const batcher = new Batcher<HostAck, boolean>((items) => acknowledgeCommands(db, items));
  return {
    ack: (hostId: string, id: string, state: HostAck["state"]) =>
      batcher.add({ hostId, id, state }),
  };
}

const state = async (db: Db, id: string) =>
  db.prisma.command.findUniqueOrThrow({
    where: { id },
    select: { state: true, deliveredAt: true, startedAt: true },
  });

describe("batched command acks", () => {
  dbTest("delivered, then running, never backwards", async ({ db }) => {
    const { a, ids } = await seed(db, 1);
    const id = ids[0] as string;
    const acks = ackBatcher(db);
    expect(await acks.ack(a, id, "delivered")).toBe(true);
    expect(await state(db, id)).toMatchObject({ state: "delivered", startedAt: null });
    expect(await acks.ack(a, id, "running")).toBe(true);
    const running = await state(db, id);
    expect(running.state).toBe("running");
    expect(running.startedAt).toBeInstanceOf(Date);
    // A late `delivered` is still a known command, and moves nothing.
    expect(await acks.ack(a, id, "delivered")).toBe(true);
    expect((await state(db, id)).state).toBe("running");
  });

  dbTest("many acks at once: each host's own commands only", async ({ db }) => {
    const { a, b, ids } = await seed(db, 40);
    const acks = ackBatcher(db);
    const answers = await Promise.all([
      ...ids.map((id) => acks.ack(a, id, "delivered")),
      acks.ack(b, ids[0] as string, "running"),
      acks.ack(a, randomUUID(), "delivered"),
      acks.ack(a, "------------------------------------", "delivered"),
    ]);
    expect(answers).toEqual([...ids.map(() => true), false, false, false]);
    const states = await db.prisma.command.groupBy({ by: ["state"], _count: true });
    expect(states).toEqual([{ state: "delivered", _count: 40 }]);
  });
});
