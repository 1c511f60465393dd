import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile/index";
import { renderBatch, UnsafeTokenError } from "./render";
import { validatePolicy } from "./validate/index";

const hostile = [
  "eth0 root",
  "eth0\nqdisc del dev eth1 root",
  'eth"0',
  "eth'0",
  "eth#0",
  "eth0\\",
  "eth\t0",
  "",
];

describe("tokens that could break a tc -batch line", () => {
  it.each(hostile)("validation refuses %j wherever a name goes", (name) => {
    const asInterface = { version: 1, rules: [{ interfaces: [name], egress: { kind: "pfifo" } }] };
    const asMirred = {
      version: 1,
      rules: [
        {
          interfaces: ["eth0"],
          ingress: { filters: [{ kind: "matchall", actions: [{ kind: "mirred", device: name }] }] },
        },
      ],
    };
    const asIfb = {
      version: 1,
      rules: [
        { interfaces: ["eth0"], ingress: { ifb: { device: name, egress: { kind: "pfifo" } } } },
      ],
    };
    const asHandle = {
      version: 1,
      rules: [{ interfaces: ["eth0"], egress: { kind: "pfifo", handle: `${name}:` } }],
    };
    for (const spec of [asInterface, asMirred, asIfb, asHandle]) {
      expect(validatePolicy(spec).errors.length).toBeGreaterThan(0);
      expect(compilePolicy(spec, { interfaces: ["eth0", name] }).ok).toBe(false);
    }
  });

  it.each(hostile)("render refuses %j even if it got past validation", (token) => {
    expect(() => renderBatch([["qdisc", "replace", "dev", token, "root", "pfifo"]])).toThrow(
      UnsafeTokenError,
    );
  });

  it("refuses an empty command", () => {
    expect(() => renderBatch([[]])).toThrow(UnsafeTokenError);
  });

  it("writes one command per line without a leading tc", () => {
    expect(
      renderBatch([
        ["qdisc", "show"],
        ["class", "show"],
      ]),
    ).toBe("qdisc show\nclass show\n");
  });
});
