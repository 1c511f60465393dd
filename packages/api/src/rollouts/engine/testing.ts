import type { Db } from "@fleetdeck/db";
import { presets } from "@fleetdeck/tc";
import { createPolicy } from "../../policies/policies.service";
import { fakeFactsForTests } from "../../policies/testing";

/** A policy revision and `n` hosts with facts that pass its pre-flight. */
export async function fleetWithPolicy(db: Db, organizationId: string, userId: string, n: number) {
  const created = await createPolicy(db, {
    organizationId,
    name: `shape-${Math.random().toString(36).slice(2, 7)}`,
    description: "",
    spec: presets.shapeEgress({ interfaces: ["eth0"], rate: "10mbit" }),
    message: "",
    author: { userId, email: "t@t" },
  });
  const hosts: string[] = [];
  for (let i = 0; i < n; i++) {
    const host = await db.prisma.host.create({
      data: {
        organizationId,
        name: `h${String(i).padStart(3, "0")}`,
        publicKey: `k-${organizationId}-${i}`,
        machineId: `m${i}`,
        labels: { env: i % 2 ? "prod" : "staging" },
        online: true,
        lastBootId: "boot-1",
        kernelRelease: "6.1.0-56-amd64",
        facts: fakeFactsForTests({
          kernelRelease: "6.1.0-56-amd64",
          nics: ["eth0"],
          modules: ["sch_htb", "sch_fq_codel"],
        }) as never,
      },
    });
    hosts.push(host.id);
  }
  return { revisionId: created.revisionId, hosts };
}

/**
 * Plays the agents: every delivered or queued command of these hosts finishes the way
 * `outcome` says (tc.apply applied, or refused by the kernel; restores succeed).
 */
export async function agentsAnswer(
  db: Db,
  outcome: (hostId: string, type: string) => "applied" | "refused" | "silent" = () => "applied",
) {
  const pending = await db.prisma.command.findMany({
    where: { state: { in: ["queued", "delivered"] } },
    select: { id: true, hostId: true, type: true },
  });
  for (const command of pending) {
    const verdict = outcome(command.hostId, command.type);
    if (verdict === "silent") continue;
    const applied = verdict === "applied";
    await db.prisma.command.update({
      where: { id: command.id },
      // As the agent reports it: a refused apply is a failed command whose output says
      // what was refused and that the previous tree is back.
      data: {
        state: applied ? "succeeded" : "failed",
        error: applied
          ? null
          : "the kernel refused line 1 of the batch; the previous state was restored",
        finishedAt: new Date(),
        output: {
          applied,
          restored: !applied,
          failingLine: applied ? null : "qdisc replace dev eth0 root handle 1: htb default 10",
          differences: [],
          snapshotId: `snap-${command.id.slice(0, 8)}`,
        },
      },
    });
  }
  return pending.length;
}
