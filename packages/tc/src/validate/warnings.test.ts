import { describe, expect, it } from "vitest";
import { cls, egress, htb, ingress, oneLeaf, police, u32 } from "../testing/spec-builders";
import { validatePolicy } from "./index";
import { formatIssue } from "./issue";

/* Valid specs that deserve a second look: they pass, with these exact warnings. */

const table: [string, unknown, string][] = [
  [
    "children above parent rate",
    htb([cls("1:1", "100mbit", { children: [cls("1:10", "80mbit"), cls("1:20", "40mbit")] })]),
    "eth0 egress class 1:1: children's rates add up to 120 Mbit/s, above its rate 100 Mbit/s",
  ],
  [
    "htb burst too small",
    htb([cls("1:10", "1gbit", { burst: "2kb" })]),
    "eth0 egress class 1:10: burst 2 KiB is too small for 1 Gbit/s; use at least 123 KiB (one MTU and 1 ms of traffic)",
  ],
  [
    "tbf burst below one MTU",
    egress({ kind: "tbf", rate: "1mbit", burst: "1kb", latency: "10ms" }),
    "eth0 egress: burst 1 KiB is too small for 1 Mbit/s; use at least 1514 B (one MTU and 1 ms of traffic)",
  ],
  [
    "police burst too small",
    ingress({
      filters: [{ kind: "matchall", actions: [{ ...police, rate: "1gbit", burst: "10kb" }] }],
    }),
    "eth0 ingress filter 1 action 1: burst 10 KiB is too small for 1 Gbit/s; use at least 123 KiB (one MTU and 1 ms of traffic)",
  ],
  [
    "no default class",
    egress({ kind: "htb", classes: [cls("1:10", "10mbit")] }),
    "eth0 egress: no default class: unclassified traffic bypasses shaping (HTB's direct queue)",
  ],
  [
    "two top-level classes",
    htb([cls("1:10", "10mbit"), cls("1:20", "10mbit")]),
    "eth0 egress: 2 top-level classes cannot lend to each other; put them under one parent class",
  ],
  [
    "host bits",
    u32({ src: "10.0.0.1/8" }),
    "eth0 egress filter 1: src 10.0.0.1/8 has bits set beyond its prefix; tc ignores them",
  ],
  [
    "jitter above delay",
    oneLeaf({ kind: "netem", delay: "5ms", jitter: "10ms" }),
    "eth0 egress class 1:10 netem: jitter 10 ms is above the delay 5 ms; negative delays are clipped to zero",
  ],
  [
    "total loss",
    oneLeaf({ kind: "netem", loss: "100%" }),
    "eth0 egress class 1:10 netem: loss 100% drops all traffic",
  ],
  [
    "ifb nobody redirects to",
    ingress({
      filters: [{ kind: "matchall", actions: [police] }],
      ifb: { device: "ifb0", egress: { kind: "pfifo" } },
    }),
    "eth0 ingress: no filter redirects to ifb0, so it shapes nothing",
  ],
];

describe("warnings", () => {
  it.each(table)("%s", (_name, input, expected) => {
    const result = validatePolicy(input);
    expect(result.errors).toEqual([]);
    expect(result.spec).toBeDefined();
    expect(result.warnings.map(formatIssue)).toContain(expected);
  });
});
