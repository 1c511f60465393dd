import { dbTest } from "@fleetdeck/db/testing";
import { presets } from "@fleetdeck/tc";
import { TRPCError } from "@trpc/server";
import { describe, expect } from "vitest";
import { createCaller } from "../root";
import { contextFor } from "../testing/context";
import { memberOf } from "../testing/people";
import { fakeFactsForTests } from "./testing";

describe("policies and revisions", () => {
  dbTest(
    "create from a preset, revise, diff in plain words, and refuse an invalid spec with its paths",
    async ({ db }) => {
      const operator = await memberOf(db, "acme", "operator");
      const caller = createCaller(
        await contextFor(db, { sessionToken: operator.token, orgSlug: "acme" }),
      );
      const spec = presets.interactiveFirst({ interfaces: ["eth0"], rate: "200mbit" });
      const created = await caller.policies.create({ name: "edge-shaping", spec });
      const first = await caller.policies.revision({ revisionId: created.revisionId });
      expect(first.compiledBatch).toContain("qdisc replace dev eth0 root handle 1: htb");
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);

      const changed = structuredClone(first.spec) as typeof first.spec;
      const egress = changed.rules[0]?.egress as {
        classes: { children?: { rate: unknown; ceil?: unknown }[] }[];
      };
      const child = egress.classes[0]?.children?.[1];
      if (child) child.ceil = "100mbit";
      const second = await caller.policies.addRevision({
        policyId: created.policyId,
        spec: changed,
        message: "cap the bulk class",
      });
      expect(second.number).toBe(2);
      const diff = await caller.policies.diff({
        fromRevisionId: created.revisionId,
        toRevisionId: second.revisionId,
      });
      expect(diff.changes.join("\n")).toMatch(/ceil .* → 100 Mbit\/s/);

      await expect(
        caller.policies.addRevision({
          policyId: created.policyId,
          spec: changed,
          message: "again",
        }),
      ).rejects.toThrow(/Nothing changed since revision 2/);
      const bad = {
        version: 1,
        rules: [{ interfaces: ["eth 0"], egress: { kind: "tbf", rate: "10mbit" } }],
      };
      const error = await caller.policies
        .create({ name: "broken", spec: bad })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).message).toMatch(/error/);
      expect(await db.prisma.policy.count({ where: { name: "broken" } })).toBe(0);
    },
  );

  dbTest("a viewer reads policies but cannot change them", async ({ db }) => {
    await memberOf(db, "acme", "operator");
    const viewer = await memberOf(db, "acme", "viewer");
    const caller = createCaller(
      await contextFor(db, { sessionToken: viewer.token, orgSlug: "acme" }),
    );
    expect(await caller.policies.list()).toEqual([]);
    await expect(
      caller.policies.create({
        name: "x",
        spec: presets.shapeEgress({ interfaces: ["eth0"], rate: "10mbit" }),
      }),
    ).rejects.toThrow(/operator role/);
  });

  dbTest("pre-flight names the hosts that would fail and why", async ({ db }) => {
    const operator = await memberOf(db, "acme", "operator");
    const caller = createCaller(
      await contextFor(db, { sessionToken: operator.token, orgSlug: "acme" }),
    );
    const created = await caller.policies.create({
      name: "wan",
      spec: presets.shapeEgress({ interfaces: ["eth0"], rate: "10mbit" }),
    });
    for (const [name, kernel, nics] of [
      ["ok-1", "6.1.0-56-amd64", ["eth0"]],
      ["no-eth0", "6.1.0-56-amd64", ["ens3"]],
    ] as const) {
      await db.prisma.host.create({
        data: {
          organizationId: operator.orgId,
          name,
          publicKey: `k-${name}`,
          machineId: name,
          facts: fakeFactsForTests({ kernelRelease: kernel, nics: [...nics] }) as never,
        },
      });
    }
    const verdicts = await caller.policies.preflight({ revisionId: created.revisionId });
    expect(verdicts.map((v) => [v.name, v.ok])).toEqual([
      ["no-eth0", false],
      ["ok-1", true],
    ]);
    expect(verdicts[0]?.problems[0]).toBe("no interface matches eth0 (host has ens3)");
  });
});
