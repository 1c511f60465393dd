import { parseCidr } from "../ip";
import type { U32Match } from "../model/filter";
import type { U32Key } from "../state/types";
import { ipProtoNumber, tosValueMask } from "./filter-args";

/**
 * The selector keys the kernel will hold for a u32 filter, reproducing iproute2's
 * f_u32.c: 32-bit words at byte offsets, values masked, and keys at the same offset
 * merged (so sport and dport become one key at offset 20). Read-back compares
 * against these.
 */
function pack(keys: U32Key[], off: number, value: number, mask: number): void {
  const v = (value & mask) >>> 0;
  const existing = keys.find((k) => k.off === off);
  if (!existing) {
    keys.push({ off, value: v, mask: mask >>> 0 });
    return;
  }
  existing.value = (existing.value | v) >>> 0;
  existing.mask = (existing.mask | mask) >>> 0;
}

function packAddress(keys: U32Key[], text: string, baseOff: number): void {
  const cidr = parseCidr(text);
  if (!cidr) return;
  // iproute2 writes a zero-mask key for 0.0.0.0/0 but no key at all for ::/0.
  if (cidr.family === 4 && cidr.prefix === 0) pack(keys, baseOff, 0, 0);
  for (let bit = 0; bit < cidr.prefix; bit += 32) {
    const word = bit / 32;
    const bytes = cidr.bytes.slice(word * 4, word * 4 + 4);
    const value =
      ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
    const left = cidr.prefix - bit;
    const mask = left >= 32 ? 0xffff_ffff : (0xffff_ffff << (32 - left)) >>> 0;
    pack(keys, baseOff + word * 4, value >>> 0, mask);
  }
}

export function u32KeysFor(m: U32Match, protocol: string): U32Key[] {
  const keys: U32Key[] = [];
  const v6 = protocol === "ipv6";
  if (m.src !== undefined) packAddress(keys, m.src, v6 ? 8 : 12);
  if (m.dst !== undefined) packAddress(keys, m.dst, v6 ? 24 : 16);
  const proto = ipProtoNumber(m.ipProto);
  if (proto !== undefined) {
    if (v6) pack(keys, 4, proto << 8, 0xff00);
    else pack(keys, 8, proto << 16, 0x00ff_0000);
  }
  const portOff = v6 ? 40 : 20;
  if (m.sport !== undefined) pack(keys, portOff, m.sport << 16, 0xffff_0000);
  if (m.dport !== undefined) pack(keys, portOff, m.dport, 0xffff);
  const tos = tosValueMask(m);
  if (tos) {
    const shift = v6 ? 20 : 16;
    pack(keys, 0, tos[0] << shift, tos[1] << shift);
  }
  if (keys.length === 0) keys.push({ off: 0, value: 0, mask: 0 });
  return keys;
}
