import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { PACKAGE_DIR, tempDir } from "../testing/fixtures";
import { runnerInterfaces } from "./interfaces";
import { configOf } from "./testing/capture";
import { canUseNetns, createTestNs, serviceIn, type TestNs } from "./testing/netns";

/*
 * A batch the kernel refuses half-way, over each kind of previous state: the
 * interface must read back exactly as before (tc -s -j, counters aside).
 */
const enabled = await canUseNetns();
const golden = (name: string) =>
  JSON.parse(
    readFileSync(join(PACKAGE_DIR, "..", "tc", "fixtures", "golden", name, "policy.json"), "utf8"),
  ).spec;
const REV_A = "aaaaaaaa-0000-4000-8000-000000000001";
const REV_B = "bbbbbbbb-0000-4000-8000-000000000002";
const HASH = "0".repeat(64);

/** Valid everywhere, refused by every kernel at its last line: a mirred to a missing device. */
const halfWay = {
  version: 1,
  rules: [
    {
      interfaces: ["eth0"],
      egress: {
        kind: "htb",
        defaultClass: "1:20",
        classes: [
          {
            id: "1:1",
            rate: "100mbit",
            children: [
              { id: "1:10", rate: "60mbit", ceil: "100mbit", qdisc: { kind: "pfifo", limit: 50 } },
              { id: "1:20", rate: "40mbit", ceil: "100mbit" },
            ],
          },
        ],
        filters: [
          {
            kind: "u32",
            prio: 10,
            match: { dst: "10.0.0.0/8" },
            target: "1:10",
            actions: [{ kind: "mirred", mode: "mirror", device: "ghost0" }],
          },
        ],
      },
      ingress: {
        qdisc: "clsact",
        filters: [{ kind: "u32", protocol: "all", actions: [{ kind: "mirred", device: "eth1" }] }],
      },
    },
  ],
};

/** Odd bursts, a rate under 8 Mbit/s, explicit quantum, leaves, filters and an ingress mirror. */
const FOREIGN = [
  "qdisc replace dev eth0 root handle 1: htb default 30 r2q 5",
  "class add dev eth0 parent 1: classid 1:1 htb rate 90mbit ceil 95mbit burst 33333 cburst 7777",
  "class add dev eth0 parent 1:1 classid 1:10 htb rate 30mbit ceil 90mbit burst 12345 prio 1 quantum 4000",
  "class add dev eth0 parent 1:1 classid 1:20 htb rate 7mbit ceil 50mbit",
  "class add dev eth0 parent 1:1 classid 1:30 htb rate 1500kbit",
  "qdisc add dev eth0 parent 1:10 handle 10: pfifo limit 77",
  "qdisc add dev eth0 parent 1:20 handle 20: tbf rate 3mbit burst 9999 latency 33ms",
  "qdisc add dev eth0 parent 1:30 handle 30: bfifo limit 50000",
  "filter add dev eth0 parent 1: protocol ip prio 7 u32 match ip dst 10.1.0.0/16 match ip dport 443 0xffff flowid 1:10",
  "filter add dev eth0 parent 1: protocol all prio 9 u32 match u32 0 0 flowid 1:30",
  "qdisc add dev eth0 ingress",
  "filter add dev eth0 parent ffff: protocol ip prio 3 u32 match ip src 192.168.0.0/16 action mirred egress mirror dev eth1",
];

/** Each test has its own namespace and state dir, so they run side by side. */
async function setup(onTestFinished: (fn: () => Promise<void>) => void) {
  const ns: TestNs = await createTestNs(["eth0", "eth1"]);
  const { dir, cleanup } = await tempDir();
  onTestFinished(async () => {
    await ns.destroy();
    await cleanup();
  });
  return { ns, dir };
}

describe.skipIf(!enabled).concurrent("restore after a half-way rejection (real kernel)", () => {
  test.for([
    ["the kernel default", "default"] as const,
    ["a Fleetdeck revision", "revision"] as const,
    ["a foreign tree", "foreign"] as const,
  ])("over %s the interfaces end exactly as before", async ([, prior], { onTestFinished }) => {
    const { ns, dir } = await setup(onTestFinished);
    // The ghost device is "known" to compilation so the mirred target passes validation.
    const listed = runnerInterfaces(ns.runner);
    const tc = await serviceIn(ns, dir, {
      interfaces: async () => [...(await listed()), "ghost0"],
    });
    if (prior === "revision") {
      const a = await tc.apply(
        { revisionId: REV_A, policyName: "a", hash: HASH, spec: golden("htb-nested-kernel") },
        0,
      );
      expect(a.ok, a.error ?? "").toBe(true);
    }
    if (prior === "foreign") for (const line of FOREIGN) await ns.tc(line.split(" "));
    const before = [await configOf(ns, "eth0"), await configOf(ns, "eth1")];
    const outcome = await tc.apply(
      { revisionId: REV_B, policyName: "b", hash: HASH, spec: halfWay },
      0,
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.output.failingLine).toMatch(
      /^line \d+: filter add dev eth0 .*mirred egress mirror dev ghost0/,
    );
    expect(outcome.error).toMatch(/the previous state was restored$/);
    expect(outcome.output).toMatchObject({ applied: false, restored: true, revisionId: REV_B });
    expect(outcome.output.differences).toEqual([]);
    expect([await configOf(ns, "eth0"), await configOf(ns, "eth1")]).toEqual(before);
    expect(tc.status().appliedRevisionId).toBe(prior === "revision" ? REV_A : null);
  });

  test("restore previous after a good apply puts a foreign tree back exactly", async ({
    onTestFinished,
  }) => {
    const { ns, dir } = await setup(onTestFinished);
    const tc = await serviceIn(ns, dir);
    for (const line of FOREIGN) await ns.tc(line.split(" "));
    const before = await configOf(ns, "eth0");
    const a = await tc.apply(
      { revisionId: REV_A, policyName: "a", hash: HASH, spec: golden("htb-nested-kernel") },
      0,
    );
    expect(a.ok, a.error ?? "").toBe(true);
    expect(await configOf(ns, "eth0")).not.toEqual(before);
    const back = await tc.restore({ target: "previous" });
    expect(back.output.differences).toEqual([]);
    expect(back).toMatchObject({ ok: true, output: { restored: true, revisionId: null } });
    expect(await configOf(ns, "eth0")).toEqual(before);
  });
});
