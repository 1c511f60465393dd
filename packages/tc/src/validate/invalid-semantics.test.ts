import { describe, expect, it } from "vitest";
import {
  cls,
  egress,
  flower,
  htb,
  ingress,
  oneLeaf,
  police,
  spec,
  u32,
} from "../testing/spec-builders";
import { validatePolicy } from "./index";
import { formatIssue } from "./issue";

/* Each row parses but means something tc would refuse or a person would not want; the exact error, path and words. */

const table: [string, unknown, string][] = [
  [
    "derived leaf handle is ingress's",
    htb([cls("1:ffff", "10mbit", { qdisc: { kind: "pfifo" } })], { defaultClass: "1:ffff" }),
    "eth0 egress: handle ffff: (class 1:ffff's qdisc) is reserved for the ingress qdisc; set another handle",
  ],
  [
    "derived queue handle too long",
    egress({ kind: "mq", queues: [{ queue: 4096, qdisc: { kind: "pfifo" } }] }),
    "eth0 egress: queue 4096's qdisc would get handle 10000:, which tc cannot use; set its handle",
  ],
  [
    "same interface twice",
    spec({ interfaces: ["eth0"] }, { interfaces: ["eth0"] }),
    "eth0: eth0 is already used by rule 1 (eth0)",
  ],
  [
    "placeholder handle",
    egress({ kind: "pfifo", handle: "7fff:" }),
    "eth0 egress: handle 7fff: (the root) is reserved for Fleetdeck's root swap",
  ],
  [
    "ceil below rate",
    htb([cls("1:1", "100mbit", { children: [cls("1:10", "100mbit", { ceil: "50mbit" })] })]),
    "eth0 egress class 1:10: ceil 50 Mbit/s is below its rate 100 Mbit/s",
  ],
  [
    "child ceil above parent",
    htb([cls("1:1", "100mbit", { children: [cls("1:10", "50mbit", { ceil: "200mbit" })] })]),
    "eth0 egress class 1:10: ceil 200 Mbit/s is above its parent 1:1's ceil 100 Mbit/s",
  ],
  [
    "duplicate class",
    htb([cls("1:1", "100mbit", { children: [cls("1:10", "50mbit"), cls("1:010", "50mbit")] })]),
    "eth0 egress class 1:10: is defined twice",
  ],
  [
    "duplicate handle",
    htb([
      cls("1:1", "100mbit", {
        children: [cls("1:10", "50mbit", { qdisc: { kind: "pfifo", handle: "1:" } })],
      }),
    ]),
    "eth0 egress: handle 1: is used by the root and class 1:10's qdisc",
  ],
  [
    "wrong major",
    htb([cls("2:10", "10mbit")]),
    "eth0 egress class 2:10: must use the major number of its qdisc 1:",
  ],
  [
    "missing default",
    htb([cls("1:20", "10mbit")]),
    "eth0 egress: default class 1:10 does not exist",
  ],
  [
    "inner default",
    htb([cls("1:10", "10mbit", { children: [cls("1:11", "5mbit")] })]),
    "eth0 egress: default class 1:10 has children; HTB only sends unclassified traffic to a leaf class",
  ],
  [
    "inner class with qdisc",
    htb([cls("1:1", "10mbit", { qdisc: { kind: "pfifo" }, children: [cls("1:10", "5mbit")] })]),
    "eth0 egress class 1:1: has children, so it cannot have a leaf qdisc",
  ],
  [
    "filter target missing",
    htb([cls("1:10", "10mbit")], { filters: [{ kind: "u32", target: "1:99" }] }),
    "eth0 egress filter 1: target 1:99 does not exist",
  ],
  [
    "filter target inner",
    htb([cls("1:1", "10mbit", { children: [cls("1:10", "5mbit")] })], {
      filters: [{ kind: "u32", target: "1:1" }],
    }),
    "eth0 egress filter 1: target 1:1 has children; target a leaf class",
  ],
  [
    "filter does nothing",
    htb([cls("1:10", "10mbit")], { filters: [{ kind: "matchall" }] }),
    "eth0 egress filter 1: does nothing: give it a target class or an action",
  ],
  [
    "duplicate filter prio",
    htb([cls("1:10", "10mbit")], {
      filters: [
        { kind: "u32", target: "1:10", prio: 2 },
        { kind: "u32", target: "1:10" },
      ],
    }),
    "eth0 egress filter 2: prio 2 is also used by filter 1",
  ],
  [
    "netem jitter without delay",
    oneLeaf({ kind: "netem", jitter: "5ms" }),
    "eth0 egress class 1:10 netem: jitter needs a delay",
  ],
  [
    "netem distribution without jitter",
    oneLeaf({ kind: "netem", delay: "5ms", distribution: "normal" }),
    "eth0 egress class 1:10 netem: distribution needs a jitter",
  ],
  [
    "netem reorder without delay",
    oneLeaf({ kind: "netem", reorder: "10%" }),
    "eth0 egress class 1:10 netem: reorder needs a delay (reordered packets skip it)",
  ],
  [
    "tbf without latency or limit",
    egress({ kind: "tbf", rate: "1mbit", burst: "10kb" }),
    "eth0 egress: set latency or limit",
  ],
  [
    "tbf with both",
    egress({ kind: "tbf", rate: "1mbit", burst: "10kb", latency: "10ms", limit: "10kb" }),
    "eth0 egress: set latency or limit, not both",
  ],
  [
    "tbf peakrate without mtu",
    egress({ kind: "tbf", rate: "1mbit", burst: "10kb", latency: "10ms", peakrate: "2mbit" }),
    "eth0 egress: peakrate needs an mtu",
  ],
  [
    "tbf peakrate below rate",
    egress({
      kind: "tbf",
      rate: "2mbit",
      burst: "10kb",
      latency: "10ms",
      peakrate: "1mbit",
      mtu: 1514,
    }),
    "eth0 egress: peakrate 1 Mbit/s must be above the rate 2 Mbit/s",
  ],
  [
    "sfq perturb fraction",
    egress({ kind: "sfq", perturb: "1500ms" }),
    "eth0 egress: perturb 1.5 s must be a whole number of seconds",
  ],
  [
    "ports without protocol",
    u32({ dport: 22 }),
    "eth0 egress filter 1: ports need ipProto tcp, udp or sctp",
  ],
  ["dscp and tos", u32({ dscp: 46, tos: 16 }), "eth0 egress filter 1: set dscp or tos, not both"],
  [
    "family mismatch",
    u32({ src: "2001:db8::/32" }),
    "eth0 egress filter 1: src 2001:db8::/32 is IPv6 but the filter matches IPv4",
  ],
  [
    "ip fields with protocol all",
    u32({ dst: "10.0.0.0/8" }, { protocol: "all" }),
    "eth0 egress filter 1: matching dst needs protocol ip or ipv6, not all",
  ],
  [
    "vlan without 802.1q",
    flower({ vlanId: 10 }),
    "eth0 egress filter 1: vlanId needs protocol 802.1q",
  ],
  [
    "vlan ip without ethtype",
    flower({ vlanId: 10, dst: "10.0.0.0/8" }, { protocol: "802.1q" }),
    "eth0 egress filter 1: matching dst needs vlanEthType ip or ipv6, not 802.1q",
  ],
  [
    "fw mark outside mask",
    htb([cls("1:10", "10mbit")], {
      filters: [{ kind: "fw", mark: 256, mask: 255, target: "1:10" }],
    }),
    "eth0 egress filter 1: mark 0x100 has bits outside mask 0xff",
  ],
  [
    "ingress filter with target",
    ingress({ filters: [{ kind: "u32", protocol: "all", target: "1:10", actions: [police] }] }),
    "eth0 ingress filter 1: ingress has no classes to target (1:10); use an action",
  ],
  [
    "ingress filter without action",
    ingress({ filters: [{ kind: "u32", protocol: "all" }] }),
    "eth0 ingress filter 1: does nothing: give it a police or mirred action",
  ],
  [
    "ifb with mq",
    ingress({ ifb: { device: "ifb0", egress: { kind: "mq", queues: [] } } }),
    "eth0 ifb ifb0: an IFB device has a single queue; mq does not apply",
  ],
  [
    "ifb is the interface",
    ingress({ ifb: { device: "eth0", egress: { kind: "pfifo" } } }),
    "eth0 ingress: eth0 cannot be its own IFB device",
  ],
  [
    "ifb shared",
    spec(
      { interfaces: ["eth0"], ingress: { ifb: { device: "ifb0", egress: { kind: "pfifo" } } } },
      { interfaces: ["eth1"], ingress: { ifb: { device: "ifb0", egress: { kind: "pfifo" } } } },
    ),
    "eth1 ingress: ifb0 is already used by rule 1 (eth0) as its IFB",
  ],
  [
    "prio band above bands",
    egress({ kind: "prio", bands: 3, children: [{ band: 4, qdisc: { kind: "pfifo" } }] }),
    "eth0 egress: band 4 is above the number of bands (3)",
  ],
  [
    "priomap band out of range",
    egress({ kind: "prio", bands: 2, priomap: [0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }),
    "eth0 egress: priomap sends traffic to band 2, but bands are numbered 0 to 1",
  ],
  [
    "mq queue twice",
    egress({
      kind: "mq",
      queues: [
        { queue: 1, qdisc: { kind: "pfifo" } },
        { queue: 1, qdisc: { kind: "bfifo" } },
      ],
    }),
    "eth0 egress: queue 1 is listed twice",
  ],
];

describe("invalid specs: meaning", () => {
  it.each(table)("%s", (_name, input, expected) => {
    const result = validatePolicy(input);
    expect(result.spec).toBeUndefined();
    expect(result.errors.map(formatIssue)).toContain(expected);
  });
});
