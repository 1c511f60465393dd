import { describe, expect, it } from "vitest";
import { compilePolicy, type DevicePlan } from "../compile/index";
import { loadGoldenCases } from "../testing/golden";
import { loadStateCases } from "../testing/state-corpus";
import { compareState } from "./compare";
import { parseTcState, type TcSnapshot } from "./parse";

/* Drift scenarios, made by editing real captured output the way the kernel would. */

function fixture(name: string, dev = "eth0"): { device: DevicePlan; snap: TcSnapshot } {
  const state = loadStateCases().find((c) => c.name === name);
  const golden = loadGoldenCases().find((c) => c.name === state?.golden);
  if (!state || !golden) throw new Error(`no fixture ${name}`);
  const r = compilePolicy(golden.spec, { interfaces: golden.interfaces });
  const device = r.ok ? r.plan.devices.find((d) => d.dev === dev) : undefined;
  const snap = state.snapshots.find((s) => s.dev === dev);
  if (!device || !snap) throw new Error(`no device ${dev} in ${name}`);
  return { device, snap };
}

function drift(name: string, edit: (s: TcSnapshot) => TcSnapshot): string[] {
  const { device, snap } = fixture(name);
  return compareState(device.tree, parseTcState(edit(snap)));
}

const replace = (text: string | undefined, from: string, to: string): string => {
  if (!text?.includes(from)) throw new Error(`fixture lacks ${from}`);
  return text.replace(from, to);
};

describe("compareState", () => {
  it("tolerates kernel rounding of rates and bursts", () => {
    // 128kb was asked, the kernel reports 131000b; 1mb came back as 1048562.
    expect(drift("htb-nested-kernel", (s) => s)).toEqual([]);
    const nudged = drift("htb-nested-kernel", (s) => ({
      ...s,
      class: replace(s.class, "rate 300Mbit", "rate 300000999bit"),
    }));
    expect(nudged).toEqual([]);
  });

  it("reports a changed ceil in canonical units", () => {
    const out = drift("htb-nested-kernel", (s) => ({
      ...s,
      class: replace(s.class, "ceil 400Mbit", "ceil 200Mbit"),
    }));
    expect(out).toEqual(["eth0 egress class 1:12: ceil is 200 Mbit/s, expected 400 Mbit/s"]);
  });

  it("reports an explicit burst the kernel does not hold", () => {
    const out = drift("htb-nested-kernel", (s) => ({
      ...s,
      class: replace(s.class, "burst 65475b", "burst 1600b"),
    }));
    expect(out).toEqual(["eth0 egress class 1:11: burst is 1600 B, expected 64 KiB"]);
  });

  it("reports a wiped tree (link flap, module reload)", () => {
    const out = drift("clsact-mirred-kernel", (s) => ({
      ...s,
      qdisc: '[{"kind":"noqueue","handle":"0:","root":true,"refcnt":2,"options":{}}]',
      class: "",
      filter: "[]",
      ingressFilter: "[]",
    }));
    expect(out).toEqual([
      "eth0 egress root: expected htb 1:, found noqueue 0:",
      "eth0 egress class 1:1: is missing",
      "eth0 egress class 1:10: is missing",
      "eth0 egress class 1:20: is missing",
      "eth0 egress filter prio 1: u32 filter is missing",
      "eth0 ingress: clsact qdisc is missing",
    ]);
  });

  it("reports changed u32 keys, targets and mirred actions", () => {
    const out = drift("clsact-mirred-kernel", (s) => ({
      ...s,
      filter: replace(
        replace(
          replace(s.filter, '"value":"202"', '"value":"35"'),
          '"flowid":"1:20"',
          '"flowid":"1:10"',
        ),
        '"to_dev":"eth1"',
        '"to_dev":"eth0"',
      ),
    }));
    expect(out).toEqual([
      "eth0 egress filter prio 1: target is 1:10, expected 1:20",
      "eth0 egress filter prio 1: u32 keys are 00110000/00ff0000 at 8, 00000035/0000ffff at 20, expected 00110000/00ff0000 at 8, 00000202/0000ffff at 20",
      "eth0 egress filter prio 1 action 1: mirred is egress mirror to eth0, expected egress mirror to eth1",
    ]);
  });

  it("reports a foreign qdisc and a root of another kind", () => {
    const out = drift("tbf-latency-kernel", (s) => ({
      ...s,
      qdisc: replace(s.qdisc, '"kind":"tbf"', '"kind":"pfifo"'),
    }));
    expect(out).toEqual(["eth0 egress root: kind is pfifo, expected tbf"]);
    const extra = drift("mq-kernel", (s) => ({
      ...s,
      qdisc: replace(s.qdisc, '"handle":"0:","parent":"1:4"', '"handle":"40:","parent":"1:4"'),
    }));
    expect(extra).toEqual(["eth0 egress under 1:4: unexpected qdisc pfifo_fast 40:"]);
  });

  it("reports tbf and htb options", () => {
    const out = drift("tbf-limit-peakrate-kernel", (s) => ({
      ...s,
      qdisc: replace(
        replace(s.qdisc, '"rate":2500000', '"rate":1250000'),
        '"lat":78643',
        '"lat":50000',
      ),
    }));
    expect(out).toEqual([
      "eth0 egress root tbf 10:: rate is 10 Mbit/s, expected 20 Mbit/s",
      "eth0 egress root tbf 10:: latency is 50 ms, expected 78.643 ms",
    ]);
    const htb = drift("htb-nested-kernel", (s) => ({
      ...s,
      qdisc: replace(s.qdisc, '"default":"0x22"', '"default":"0"'),
    }));
    expect(htb).toEqual(["eth0 egress root htb 1:: default class minor is 0, expected 22"]);
  });

  it("reports police verdicts and an ingress qdisc that should not be there", () => {
    const out = drift("clsact-police-verdicts", (s) => ({
      ...s,
      ingressFilter: replace(s.ingressFilter, '"type":"reclassify"', '"type":"drop"'),
    }));
    expect(out).toEqual([
      "eth0 ingress filter prio 5 action 1: exceed verdict is drop, expected reclassify",
    ]);
    const reset = drift("reset-interface-kernel", (s) => ({
      ...s,
      qdisc: replace(
        s.qdisc,
        "]",
        ',{"kind":"ingress","handle":"ffff:","parent":"ffff:fff1","options":{}}]',
      ),
    }));
    expect(reset).toEqual(["eth0 ingress: expected no ingress qdisc, found ingress"]);
  });
});
