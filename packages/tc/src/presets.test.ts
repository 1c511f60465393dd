import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile/index";
import { presetCatalog, presets } from "./presets";
import { renderBatch } from "./render";
import { validatePolicy } from "./validate/index";

const built = {
  shapeEgress: presets.shapeEgress({ interfaces: ["eth0"], rate: "100mbit" }),
  interactiveFirst: presets.interactiveFirst({ interfaces: ["eth0"], rate: "100mbit" }),
  policeIngress: presets.policeIngress({ interfaces: ["eth0"], rate: "50mbit" }),
  wanEmulation: presets.wanEmulation({
    interfaces: ["eth0"],
    delay: "50ms",
    jitter: "10ms",
    loss: "1%",
  }),
  cakeDiffserv4: presets.cakeDiffserv4({ interfaces: ["eth0"], bandwidth: "200mbit" }),
};

describe("presets", () => {
  it("every catalogue entry has a builder", () => {
    expect(presetCatalog.map((p) => p.id).sort()).toEqual(Object.keys(presets).sort());
  });

  it.each(Object.entries(built))(
    "%s validates without errors or warnings and compiles",
    (_id, spec) => {
      const v = validatePolicy(spec);
      expect(v.errors).toEqual([]);
      expect(v.warnings).toEqual([]);
      const r = compilePolicy(spec, { interfaces: ["eth0"] });
      expect(r.ok).toBe(true);
    },
  );

  it("interactive before bulk splits the rate 30/50/20 and steers by port", () => {
    const r = compilePolicy(built.interactiveFirst, { interfaces: ["eth0"] });
    if (!r.ok) throw new Error("did not compile");
    const text = renderBatch(r.plan.batch);
    expect(text).toContain("classid 1:10 htb rate 30mbit ceil 100mbit prio 0");
    expect(text).toContain("classid 1:30 htb rate 20mbit ceil 100mbit prio 2");
    expect(text).toContain("u32 match ip protocol 6 0xff match ip dport 22 0xffff classid 1:10");
    expect(text).toContain("u32 match ip protocol 6 0xff match ip dport 873 0xffff classid 1:30");
  });

  it("police ingress picks a burst of 10 ms of traffic", () => {
    const r = compilePolicy(built.policeIngress, { interfaces: ["eth0"] });
    expect(r.ok && renderBatch(r.plan.batch)).toContain(
      "action police rate 50mbit burst 70kb conform-exceed drop/pass",
    );
  });
});
