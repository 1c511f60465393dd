import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compilePolicy } from "@fleetdeck/tc";
import { describe, expect, test } from "vitest";
import { PACKAGE_DIR, tempDir } from "../testing/fixtures";
import { runnerInterfaces } from "./interfaces";
import { compareNormalised, normaliseDevice } from "./normalise";
import { readSnapshot } from "./records";
import { configOf } from "./testing/capture";
import { canUseNetns, createTestNs, serviceIn } from "./testing/netns";

/*
 * The single tc run (apply-once.ts) on the real kernel: a line refused in its apply
 * part restores the exact state before, over a snapshot read by that run or one stored
 * from the previous reading; a wrong ingress guess hands over to the stepwise way; a
 * stored guess that no longer matches the device is replaced by what tc listed.
 */
const enabled = await canUseNetns();
const golden = (name: string) =>
  JSON.parse(
    readFileSync(join(PACKAGE_DIR, "..", "tc", "fixtures", "golden", name, "policy.json"), "utf8"),
  ).spec;
const HASH = "0".repeat(64);
const rev = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

const htb = (rate: string, extra: Record<string, unknown> = {}) => ({
  version: 1,
  rules: [
    {
      interfaces: ["eth0"],
      egress: {
        kind: "htb",
        defaultClass: "1:10",
        classes: [
          { id: "1:1", rate: "100mbit", children: [{ id: "1:10", rate, ceil: "100mbit" }] },
        ],
      },
      ...extra,
    },
  ],
});

/** Valid everywhere, refused at its last line: a mirred to a device that does not exist. */
const refused = {
  version: 1,
  rules: [
    {
      interfaces: ["eth0"],
      egress: {
        kind: "htb",
        defaultClass: "1:20",
        classes: [{ id: "1:1", rate: "100mbit", children: [{ id: "1:20", rate: "40mbit" }] }],
        filters: [
          {
            kind: "u32",
            prio: 10,
            match: { dst: "10.0.0.0/8" },
            target: "1:20",
            actions: [{ kind: "mirred", mode: "mirror", device: "ghost0" }],
          },
        ],
      },
    },
  ],
};

const FOREIGN = [
  "qdisc replace dev eth0 root handle 1: htb default 30 r2q 5",
  "class add dev eth0 parent 1: classid 1:1 htb rate 90mbit ceil 95mbit burst 33333 cburst 7777",
  "class add dev eth0 parent 1:1 classid 1:30 htb rate 1500kbit quantum 4000",
  "qdisc add dev eth0 parent 1:30 handle 30: tbf rate 3mbit burst 10240 latency 33ms",
  "filter add dev eth0 parent 1: protocol all prio 9 u32 match u32 0 0 flowid 1:30",
  "qdisc add dev eth0 ingress",
];

async function setup(onTestFinished: (fn: () => Promise<void>) => void) {
  const ns = await createTestNs(["eth0", "eth1"]);
  const { dir, cleanup } = await tempDir();
  onTestFinished(async () => {
    await ns.destroy();
    await cleanup();
  });
  const listed = runnerInterfaces(ns.runner);
  const tc = await serviceIn(ns, dir, { interfaces: async () => [...(await listed()), "ghost0"] });
  const apply = (n: number, spec: unknown) =>
    tc.apply({ revisionId: rev(n), policyName: `p${n}`, hash: HASH, spec }, 0);
  return { ns, tc, apply };
}

describe.skipIf(!enabled).concurrent("one tc run per apply (real kernel)", () => {
  test.for([
    ["read by the run itself", false],
    ["stored from the previous reading", true],
  ] as const)(
    "a line refused in the apply part: the state before is back, snapshot %s",
    async ([, warm], { onTestFinished }) => {
      const { ns, tc, apply } = await setup(onTestFinished);
      for (const line of FOREIGN) await ns.tc(line.split(" "));
      // A read of eth0 (what a drift check does) makes the next snapshot a stored guess.
      if (warm) await tc.tool.showMany(["eth0", "eth1"]);
      const before = [await configOf(ns, "eth0"), await configOf(ns, "eth1")];
      const outcome = await apply(1, refused);
      expect(outcome.phases).toMatchObject({
        path: "one tc run",
        snapshotFrom: warm ? "last reading" : "tc listings",
      });
      const plan = compilePolicy(refused, { interfaces: ["eth0", "eth1", "ghost0"] });
      if (!plan.ok) throw new Error("the policy does not compile");
      const at = plan.plan.batch.findIndex((l) => l.includes("ghost0")) + 1;
      // Numbered as in the compiled batch, as the stepwise way numbers it.
      expect(outcome.output.failingLine).toMatch(
        new RegExp(`^line ${at}: filter add dev eth0 .*mirred egress mirror dev ghost0`),
      );
      expect(outcome).toMatchObject({ ok: false, output: { restored: true, differences: [] } });
      expect([await configOf(ns, "eth0"), await configOf(ns, "eth1")]).toEqual(before);
      // The stored snapshot holds that state too (counters aside).
      const stored = await readSnapshot(tc.paths, outcome.output.snapshotId ?? "");
      const eth0 = stored?.devices.find((d) => d.dev === "eth0");
      expect(eth0?.prior).toBe("foreign");
      const now = await tc.tool.show("eth0");
      expect(
        compareNormalised("eth0", normaliseDevice(eth0?.raw ?? now), normaliseDevice(now)),
      ).toEqual([]);
    },
  );

  test("a wrong guess about the ingress slot: the stepwise way finishes the apply", async ({
    onTestFinished,
  }) => {
    const { ns, tc, apply } = await setup(onTestFinished);
    expect((await apply(1, htb("10mbit"))).ok).toBe(true);
    // Behind the agent's back: the tool last read eth0 with an empty slot.
    await ns.tc(["qdisc", "add", "dev", "eth0", "clsact"]);
    const outcome = await apply(2, htb("20mbit"));
    expect(outcome.error).toBeNull();
    expect(outcome.phases?.continued).toMatch(
      /^stepwise from the teardown \(line \d+: qdisc replace dev eth0 ingress/,
    );
    expect(await ns.tc(["qdisc", "show", "dev", "eth0"])).not.toMatch(/clsact|ingress/);
    expect(tc.status().appliedRevisionId).toBe(rev(2));
  });

  test("a stored guess the device no longer matches is replaced by what tc listed", async ({
    onTestFinished,
  }) => {
    const { ns, tc, apply } = await setup(onTestFinished);
    expect((await apply(1, golden("htb-nested-kernel"))).ok).toBe(true);
    // Changed behind the agent's back after its read-back: the guess is stale.
    await ns.tc([
      "class",
      "change",
      "dev",
      "eth0",
      "parent",
      "1:10",
      "classid",
      "1:11",
      "htb",
      "rate",
      "250mbit",
      "ceil",
      "900mbit",
      "quantum",
      "2500",
    ]);
    const before = await configOf(ns, "eth0");
    const b = await apply(2, htb("30mbit"));
    expect(b.ok, b.error ?? "").toBe(true);
    expect(b.phases).toMatchObject({ path: "one tc run", snapshotFrom: "tc listings" });
    const back = await tc.restore({ target: "previous" });
    expect(back.output.differences).toEqual([]);
    expect(await configOf(ns, "eth0")).toEqual(before);
  });
});
