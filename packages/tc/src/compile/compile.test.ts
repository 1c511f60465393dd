import { describe, expect, it } from "vitest";
import { formatIssue } from "../validate/issue";
import { compilePolicy } from "./index";

const pfifo = { kind: "pfifo" };
const spec = (...rules: object[]) => ({ version: 1, rules });
const errors = (s: unknown, interfaces: string[]) => {
  const r = compilePolicy(s, { interfaces });
  return r.ok ? [] : r.errors.map(formatIssue);
};

describe("binding a policy to a host", () => {
  it("requires exact names to exist", () => {
    expect(errors(spec({ interfaces: ["eth9"], egress: pfifo }), ["eth0"])).toEqual([
      "eth9: eth9 is not on this host",
    ]);
  });

  it("warns when a glob matches nothing, and skips lo and the policy's IFBs", () => {
    const s = spec(
      { interfaces: ["*"], egress: pfifo },
      { interfaces: ["wan0"], ingress: { ifb: { device: "ifb0", egress: pfifo } } },
      { interfaces: ["bond*"], egress: pfifo },
    );
    const r = compilePolicy(s, { interfaces: ["lo", "eth0", "ifb0", "wan0", "eth1"] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatIssue)).toEqual(["wan0: wan0 is also matched by rule 1 (*)"]);
    expect(r.warnings.map(formatIssue)).toContain("bond*: bond* matches no interface on this host");
    const ok = compilePolicy(spec({ interfaces: ["*"], egress: pfifo }), {
      interfaces: ["lo", "eth1", "eth0"],
    });
    expect(ok.ok && ok.plan.devices.map((d) => d.dev)).toEqual(["eth0", "eth1"]);
  });

  it("refuses one IFB for several interfaces", () => {
    const s = spec({ interfaces: ["eth*"], ingress: { ifb: { device: "ifb0", egress: pfifo } } });
    expect(errors(s, ["eth0", "eth1"])).toEqual([
      "eth* ingress: ifb0 would shape the ingress of eth0 and eth1 together; use one IFB per interface",
    ]);
  });

  it("refuses mirred to an interface that is not there", () => {
    const s = spec({
      interfaces: ["eth0"],
      ingress: { filters: [{ kind: "matchall", actions: [{ kind: "mirred", device: "eth7" }] }] },
    });
    expect(errors(s, ["eth0"])).toEqual(["eth0: mirred target eth7 is not on this host"]);
  });

  it("reports spec errors before touching the host list", () => {
    expect(errors(spec({ interfaces: ["eth0"], egress: { kind: "tbf" } }), ["eth0"])[0]).toMatch(
      /^eth0 egress rate:/,
    );
  });
});

describe("plan", () => {
  const s = spec({
    interfaces: ["eth0"],
    egress: {
      kind: "htb",
      defaultClass: "1:10",
      classes: [{ id: "1:10", rate: "10mbit", qdisc: { kind: "cake" } }],
    },
    ingress: {
      qdisc: "clsact",
      filters: [{ kind: "flower", actions: [{ kind: "police", rate: "1mbit", burst: "16kb" }] }],
      ifb: { device: "ifb0", egress: { kind: "netem", delay: "10ms" } },
    },
  });

  it("lists the kernel features and modules a host needs", () => {
    const r = compilePolicy(s, { interfaces: ["eth0"] });
    expect(r.ok && r.plan.features).toEqual({
      qdiscs: ["cake", "clsact", "htb", "netem", "pfifo"],
      classifiers: ["flower"],
      actions: ["police"],
      ifb: true,
      modules: [
        "act_police",
        "cls_flower",
        "ifb",
        "sch_cake",
        "sch_htb",
        "sch_ingress",
        "sch_netem",
      ],
    });
    expect(r.ok && r.plan.ifbDevices).toEqual(["ifb0"]);
  });

  it("swaps every egress root through the placeholder before building", () => {
    const r = compilePolicy(s, { interfaces: ["eth0"] });
    if (!r.ok) throw new Error("did not compile");
    for (const device of r.plan.devices) {
      const roots = device.batch.filter((argv) => argv.includes("root"));
      expect(roots[0]).toEqual([
        "qdisc",
        "replace",
        "dev",
        device.dev,
        "root",
        "handle",
        "7fff:",
        "pfifo",
      ]);
      expect(roots[1]?.slice(0, 7)).toEqual([
        "qdisc",
        "replace",
        "dev",
        device.dev,
        "root",
        "handle",
        "1:",
      ]);
    }
  });

  it("never deletes in the batch and never creates in the teardown", () => {
    const r = compilePolicy(s, { interfaces: ["eth0"] });
    if (!r.ok) throw new Error("did not compile");
    expect(r.plan.batch.filter((a) => a[1] === "del" && a[0] === "qdisc")).toEqual([]);
    expect(r.plan.teardown.every((a) => a[0] === "qdisc" && a[1] === "del")).toBe(true);
  });
});
