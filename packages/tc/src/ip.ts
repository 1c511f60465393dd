/** IPv4/IPv6 prefixes as filters use them; bytes are network order. */
export interface Cidr {
  family: 4 | 6;
  bytes: number[];
  prefix: number;
}

function parseV4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : undefined;
}

function parseV6(text: string): number[] | undefined {
  if (!/^[0-9a-f:]+$/i.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.flatMap((g) => {
    const n = Number.parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr = "", len, ...rest] = text.split("/");
  if (rest.length > 0) return undefined;
  const v4 = parseV4(addr);
  const bytes = v4 ?? parseV6(addr);
  if (!bytes) return undefined;
  const family = v4 ? 4 : 6;
  const max = family === 4 ? 32 : 128;
  if (len !== undefined && !/^\d{1,3}$/.test(len)) return undefined;
  const prefix = len === undefined ? max : Number(len);
  if (prefix > max) return undefined;
  return { family, bytes, prefix };
}

/** True when bits beyond the prefix are set, e.g. 10.0.0.1/8. */
export function hasHostBits(cidr: Cidr): boolean {
  return cidr.bytes.some((b, i) => {
    const keep = Math.max(0, Math.min(8, cidr.prefix - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    return (b & ~mask & 0xff) !== 0;
  });
}
