import { describe, expect, it } from "vitest";
import { diffPolicies } from "./diff";
import type { z } from "zod";
import type { leafQdiscSchema } from "./model/leaf";
import { type PolicySpecInput, policySpecSchema } from "./model/policy";
import { presets } from "./presets";

const parse = (s: PolicySpecInput) => policySpecSchema.parse(s);

function edge(ceil: string, leaf?: z.input<typeof leafQdiscSchema>) {
  return parse({
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
              rate: "200mbit",
              children: [
                { id: "1:10", rate: "50mbit", ceil: "200mbit" },
                { id: "1:20", rate: "100mbit", ceil, ...(leaf ? { qdisc: leaf } : {}) },
              ],
            },
          ],
        },
      },
    ],
  });
}

describe("diffPolicies", () => {
  it("says what changed in words and canonical units", () => {
    const before = edge("200mbit", { kind: "netem", loss: "1%" });
    const after = edge("100mbit", { kind: "netem", loss: "1%", delay: "20ms" });
    expect(diffPolicies(before, after)).toEqual([
      "eth0 egress class 1:20 ceil 200 Mbit/s → 100 Mbit/s",
      "eth0 egress class 1:20 netem delay 20 ms added",
    ]);
  });

  it("reports a whole thing once when added or removed", () => {
    expect(diffPolicies(edge("200mbit"), edge("200mbit", { kind: "fq_codel", ecn: true }))).toEqual(
      ["eth0 egress class 1:20 fq_codel added (ecn on)"],
    );
    const police = presets.policeIngress({ interfaces: ["eth0"], rate: "50mbit" });
    const both = parse({
      ...police,
      rules: [{ ...police.rules[0], interfaces: ["eth0"], egress: { kind: "pfifo" } }],
    });
    expect(diffPolicies(both, police)).toEqual(["eth0 egress pfifo removed"]);
    expect(diffPolicies(police, both)).toEqual([
      "eth0 egress pfifo added (handle 1:)".replace(" (handle 1:)", ""),
    ]);
  });

  it("describes filters and their actions", () => {
    const a = presets.policeIngress({ interfaces: ["eth0"], rate: "50mbit", burst: "64kb" });
    const b = presets.policeIngress({ interfaces: ["eth0"], rate: "80mbit", burst: "64kb" });
    expect(diffPolicies(a, b)).toEqual([
      "eth0 ingress filter prio 1 action 1 police 50 Mbit/s burst 64 KiB exceed drop conform pass → police 80 Mbit/s burst 64 KiB exceed drop conform pass",
    ]);
  });

  it("is empty for the same policy", () => {
    const p = presets.interactiveFirst({ interfaces: ["eth0"], rate: "100mbit" });
    expect(diffPolicies(p, p)).toEqual([]);
  });
});
