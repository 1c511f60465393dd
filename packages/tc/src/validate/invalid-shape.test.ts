import { describe, expect, it } from "vitest";
import { cls, egress, htb, ingress, oneLeaf, police, spec, u32 } from "../testing/spec-builders";
import { validatePolicy } from "./index";
import { formatIssue } from "./issue";

/* Each row is a spec that fails to parse and the exact error it must produce, path and words. */

const table: [string, unknown, string][] = [
  [
    "rate below a byte per second",
    htb([cls("1:10", "4bit")]),
    'eth0 egress class 1:10 rate: rate "4bit" is below 8bit, the smallest rate tc can carry',
  ],
  [
    "zero size",
    egress({ kind: "bfifo", limit: "0kb" }),
    'eth0 egress limit: size "0kb" must be above zero',
  ],
  [
    "zero size number",
    egress({ kind: "bfifo", limit: 0 }),
    "eth0 egress limit: 0 is not a whole number of bytes above zero",
  ],
  ["not an object", "htb", "Invalid input: expected object, received string"],
  ["wrong version", { version: 2, rules: [] }, "version: version must be 1"],
  ["no rules", { version: 1, rules: [] }, "rules: a policy needs at least one interface rule"],
  ["no interfaces", spec({ interfaces: [] }), "rule 1 interfaces: list at least one interface"],
  ["unknown key", spec({ interfaces: ["eth0"], egres: {} }), 'eth0: Unrecognized key: "egres"'],
  [
    "name too long",
    spec({ interfaces: ["abcdefghijklmnop"] }),
    'rule 1 interfaces[0]: interface name "abcdefghijklmnop" is 16 bytes; Linux allows at most 15',
  ],
  [
    "name with space",
    spec({ interfaces: ["eth 0"] }),
    'rule 1 interfaces[0]: interface name "eth 0" contains whitespace',
  ],
  [
    "name with newline",
    spec({ interfaces: ["eth0\nqdisc"] }),
    'rule 1 interfaces[0]: interface name "eth0\\nqdisc" contains whitespace',
  ],
  [
    "name with slash",
    spec({ interfaces: ["a/b"] }),
    'rule 1 interfaces[0]: interface name "a/b" contains "/"',
  ],
  [
    "name dot",
    spec({ interfaces: [".."] }),
    'rule 1 interfaces[0]: interface name ".." is reserved',
  ],
  [
    "name with quote",
    spec({ interfaces: ['e"0'] }),
    'rule 1 interfaces[0]: interface name "e\\"0" contains \'"\', which cannot appear in a tc batch line',
  ],
  [
    "name with hash",
    spec({ interfaces: ["eth#0"] }),
    "rule 1 interfaces[0]: interface name \"eth#0\" contains '#', which cannot appear in a tc batch line",
  ],
  [
    "name with backslash",
    spec({ interfaces: ["e\\0"] }),
    "rule 1 interfaces[0]: interface name \"e\\\\0\" contains '\\', which cannot appear in a tc batch line",
  ],
  [
    "name with colon",
    spec({ interfaces: ["eth0:1"] }),
    'rule 1 interfaces[0]: interface name "eth0:1" contains ":", which Linux does not allow',
  ],
  [
    "unknown qdisc kind",
    egress({ kind: "hfsc" }),
    'eth0 egress kind: qdisc kind "hfsc" is not one of htb, prio, mq, tbf, netem, fq_codel, cake, sfq, fq, pfifo, bfifo',
  ],
  [
    "unknown leaf kind",
    oneLeaf({ kind: "htb" }),
    'eth0 egress class 1:10 qdisc kind: leaf qdisc kind "htb" is not one of tbf, netem, fq_codel, cake, sfq, fq, pfifo, bfifo',
  ],
  [
    "unknown filter kind",
    htb([cls("1:10", "10mbit")], { filters: [{ kind: "basic" }] }),
    'eth0 egress filter 1 kind: filter kind "basic" is not one of u32, flower, fw, matchall',
  ],
  [
    "rate without unit",
    htb([cls("1:10", "100")]),
    'eth0 egress class 1:10 rate: "100" needs a unit (e.g. 100mbit)',
  ],
  [
    "rate with space",
    htb([cls("1:10", "100 mbit")]),
    'eth0 egress class 1:10 rate: "100 mbit" is not a rate (e.g. 100mbit)',
  ],
  [
    "rate unknown unit",
    htb([cls("1:10", "100mbyte")]),
    'eth0 egress class 1:10 rate: "100mbyte" has an unknown unit "mbyte"; use one of bit, kbit, mbit, gbit, tbit, bps, kbps, mbps, gbps, tbps',
  ],
  [
    "zero rate",
    htb([cls("1:10", "0mbit")]),
    'eth0 egress class 1:10 rate: rate "0mbit" must be above zero',
  ],
  [
    "fractional bits",
    htb([cls("1:10", "1.5bit")]),
    'eth0 egress class 1:10 rate: "1.5bit" is not a whole number of base units',
  ],
  [
    "bad class id",
    htb([cls("1:g0", "10mbit")]),
    'eth0 egress class 1:g0 id: "1:g0" is not a class id in tc\'s hex syntax (major:minor, e.g. 1:10)',
  ],
  [
    "class minor zero",
    htb([cls("1:0", "10mbit")]),
    'eth0 egress class 1:0 id: "1:0" is not a class id in tc\'s hex syntax (major:minor, e.g. 1:10)',
  ],
  [
    "bad handle",
    egress({ kind: "pfifo", handle: "1:1" }),
    'eth0 egress handle: "1:1" is not a qdisc handle in tc\'s hex syntax (e.g. 1:)',
  ],
  [
    "ingress handle",
    egress({ kind: "pfifo", handle: "ffff:" }),
    "eth0 egress handle: handle ffff: is reserved for the ingress qdisc",
  ],
  [
    "filters on classless root",
    egress({ kind: "tbf", rate: "1mbit", burst: "10kb", latency: "10ms", filters: [] }),
    'eth0 egress: Unrecognized key: "filters"',
  ],
  [
    "percent above 100",
    oneLeaf({ kind: "netem", loss: "150%" }),
    "eth0 egress class 1:10 qdisc loss: 150% is not between 0 and 100",
  ],
  [
    "size too big",
    egress({ kind: "bfifo", limit: "5gb" }),
    'eth0 egress limit: size "5gb" is above tc\'s limit of 4 GiB',
  ],
  [
    "time unit",
    oneLeaf({ kind: "netem", delay: "20 ms" }),
    'eth0 egress class 1:10 qdisc delay: "20 ms" is not a time (e.g. 20ms)',
  ],
  [
    "port out of range",
    u32({ ipProto: "tcp", dport: 70000 }),
    "eth0 egress filter 1 match dport: port 70000 is not a whole number between 1 and 65535",
  ],
  [
    "dscp out of range",
    u32({ dscp: 64 }),
    "eth0 egress filter 1 match dscp: dscp 64 is not a whole number between 0 and 63",
  ],
  [
    "bad cidr",
    u32({ src: "10.0.0.0/33" }),
    'eth0 egress filter 1 match src: "10.0.0.0/33" is not an IPv4 or IPv6 prefix',
  ],
  [
    "police unknown verdict",
    ingress({
      filters: [{ kind: "u32", protocol: "all", actions: [{ ...police, exceed: "ok" }] }],
    }),
    'eth0 ingress filter 1 action 1 exceed: Invalid option: expected one of "drop"|"pass"|"continue"|"reclassify"',
  ],
  [
    "mirred device invalid",
    ingress({ filters: [{ kind: "matchall", actions: [{ kind: "mirred", device: "if b0" }] }] }),
    'eth0 ingress filter 1 action 1 device: interface name "if b0" contains whitespace',
  ],
  [
    "cake overhead range",
    egress({ kind: "cake", overhead: 300 }),
    "eth0 egress overhead: overhead 300 is not a whole number between -64 and 256",
  ],
];

describe("invalid specs: shape, names, units, handles", () => {
  it.each(table)("%s", (_name, input, expected) => {
    const result = validatePolicy(input);
    expect(result.spec).toBeUndefined();
    expect(result.errors.map(formatIssue)).toContain(expected);
  });
});
