/**
 * tc's handle syntax: a qdisc handle is "major:" and a class id "major:minor", both
 * hexadecimal. "1:20" is class 0x20, not twenty. Stored canonically (lower case, no
 * leading zeros) so "1:0a" and "1:a" are recognised as the same class.
 */
const handlePattern = /^([0-9a-f]{1,4}):$/i;
const classIdPattern = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** Reserved for the ingress/clsact qdisc. */
export const INGRESS_MAJOR = 0xffff;

/**
 * The compiler swaps the root to a pfifo with this handle before building the real
 * tree (see compile/sequence.ts). It sits below the kernel's auto-handle range
 * (0x8000 and up) so a foreign tree is unlikely to hold it, and specs may not use it.
 */
export const PLACEHOLDER_HANDLE = "7fff:";

export function hex(n: number): string {
  return n.toString(16);
}

/** Major number of "1:" or undefined when not a qdisc handle. */
export function parseHandle(text: string): number | undefined {
  const m = handlePattern.exec(text);
  return m?.[1] === undefined ? undefined : Number.parseInt(m[1], 16);
}

export function parseClassId(text: string): { major: number; minor: number } | undefined {
  const m = classIdPattern.exec(text);
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  return { major: Number.parseInt(m[1], 16), minor: Number.parseInt(m[2], 16) };
}

export function formatHandle(major: number): string {
  return `${hex(major)}:`;
}

export function formatClassId(major: number, minor: number): string {
  return `${hex(major)}:${hex(minor)}`;
}

export function majorOf(handleOrClassId: string): number | undefined {
  const m = /^([0-9a-f]{1,4}):/i.exec(handleOrClassId);
  return m?.[1] === undefined ? undefined : Number.parseInt(m[1], 16);
}

export function minorOf(classId: string): number | undefined {
  return parseClassId(classId)?.minor;
}
