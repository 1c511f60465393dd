import { describe, expect, test } from "vitest";
import { fakeFactsForTests } from "./testing";
import { globToRegExp, preflight } from "./preflight";

const features = {
  qdiscs: ["cake", "pfifo"],
  classifiers: [],
  actions: [],
  ifb: false,
  modules: ["sch_cake"],
};
const spec = { version: 1 as const, rules: [{ interfaces: ["eth*"] }] } as never;

describe("pre-flight from facts", () => {
  test("an old kernel cannot run cake, and a missing interface is named", () => {
    const facts = fakeFactsForTests({ kernelRelease: "3.10.0-1160.el7.x86_64", nics: ["ens192"] });
    expect(preflight(spec, features, facts)).toEqual({
      ok: false,
      problems: [
        "no interface matches eth* (host has ens192)",
        "cake needs kernel 4.19 or newer (host runs 3.10.0-1160.el7.x86_64)",
      ],
      warnings: ["sch_cake is not loaded (it loads on demand if the kernel has it)"],
    });
  });

  test("a current host passes", () => {
    const facts = fakeFactsForTests({
      kernelRelease: "6.1.0-56-amd64",
      nics: ["eth0"],
      modules: ["sch_cake"],
    });
    expect(preflight(spec, features, facts)).toEqual({ ok: true, problems: [], warnings: [] });
  });

  test("globs match like the shell's", () => {
    expect(globToRegExp("eth*").test("eth10")).toBe(true);
    expect(globToRegExp("eth?").test("eth10")).toBe(false);
    expect(globToRegExp("bond0.100").test("bond0x100")).toBe(false);
  });
});
