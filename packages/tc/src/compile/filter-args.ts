import type { Action, Filter, FlowerMatch, U32Match } from "../model/filter";
import { tcRate, tcSize } from "../units";

export const ipProtoNumbers = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58, sctp: 132 } as const;

export function ipProtoNumber(proto: U32Match["ipProto"]): number | undefined {
  if (proto === undefined) return undefined;
  return typeof proto === "number" ? proto : ipProtoNumbers[proto];
}

const hexByte = (n: number) => `0x${n.toString(16)}`;

/** DSCP lives in the top six bits of the TOS / traffic-class byte. */
export function tosValueMask(m: U32Match): [number, number] | undefined {
  if (m.dscp !== undefined) return [m.dscp << 2, 0xfc];
  if (m.tos !== undefined) return [m.tos, 0xff];
  return undefined;
}

function u32Args(m: U32Match, protocol: Filter["protocol"]): string[] {
  const l3 = protocol === "ipv6" ? "ip6" : "ip";
  const args: string[] = [];
  const add = (...words: string[]) => args.push("match", l3, ...words);
  if (m.src !== undefined) add("src", m.src);
  if (m.dst !== undefined) add("dst", m.dst);
  const proto = ipProtoNumber(m.ipProto);
  if (proto !== undefined) add("protocol", String(proto), "0xff");
  if (m.sport !== undefined) add("sport", String(m.sport), "0xffff");
  if (m.dport !== undefined) add("dport", String(m.dport), "0xffff");
  const tos = tosValueMask(m);
  if (tos) add(l3 === "ip6" ? "priority" : "dsfield", hexByte(tos[0]), hexByte(tos[1]));
  // u32 needs at least one key; this one matches every packet.
  return ["u32", ...(args.length > 0 ? args : ["match", "u32", "0", "0"])];
}

function flowerArgs(m: FlowerMatch): string[] {
  const args = ["flower"];
  const add = (name: string, value: string | number | undefined) => {
    if (value !== undefined) args.push(name, String(value));
  };
  add("vlan_id", m.vlanId);
  add("vlan_prio", m.vlanPrio);
  add("vlan_ethtype", m.vlanEthType);
  // flower reads a numeric ip_proto as hexadecimal.
  add("ip_proto", typeof m.ipProto === "number" ? hexByte(m.ipProto) : m.ipProto);
  add("src_ip", m.src);
  add("dst_ip", m.dst);
  add("src_port", m.sport);
  add("dst_port", m.dport);
  const tos = tosValueMask(m);
  if (tos) add("ip_tos", `${hexByte(tos[0])}/${hexByte(tos[1])}`);
  return args;
}

function classifierArgs(f: Filter): string[] {
  switch (f.kind) {
    case "u32":
      return u32Args(f.match, f.protocol);
    case "flower":
      return flowerArgs(f.match);
    case "fw": {
      const mark = hexByte(f.mark);
      return ["handle", f.mask === undefined ? mark : `${mark}/${hexByte(f.mask)}`, "fw"];
    }
    case "matchall":
      return ["matchall"];
    default:
      return f satisfies never;
  }
}

/**
 * police's control word is EXCEED/CONFORM, in that order; tc's own default for
 * exceed is "reclassify", so both are always written out.
 */
function actionArgs(a: Action): string[] {
  switch (a.kind) {
    case "police":
      return [
        "action",
        "police",
        "rate",
        tcRate(a.rate),
        "burst",
        tcSize(a.burst),
        ...(a.mtu === undefined ? [] : ["mtu", tcSize(a.mtu)]),
        "conform-exceed",
        `${a.exceed}/${a.conform}`,
      ];
    case "mirred":
      return ["action", "mirred", a.direction, a.mode, "dev", a.device];
    default:
      return a satisfies never;
  }
}

/** Everything after `prio N` on a filter line. */
export function filterArgs(f: Filter): string[] {
  return [
    ...classifierArgs(f),
    ...(f.target === undefined ? [] : ["classid", f.target]),
    ...f.actions.flatMap(actionArgs),
  ];
}
