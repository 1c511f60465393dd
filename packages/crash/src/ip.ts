import type { Frame } from "./schema";
import { parseSymbolAt, rawFrame } from "./symbol";

/** An instruction-pointer line: RIP/IP/EIP (x86), pc/PC is at (arm), epc (riscv), NIP (ppc), or a link register. */
export interface IpLine {
  role: "ip" | "lr";
  /** null when the log printed only an address. */
  frame: Frame | null;
  address: string | null;
  /** user-mode context (x86 CS 0x33/0x23/0x73): not kernel code. */
  user: boolean;
}

const X86 = /^E?R?IP(?::| {2}) {0,3}(?:([0-9a-f]{4}):)?/;
const BRACKET = /^\[<([^>]{1,24})>\] {0,12}/;
const RAW = /^(?:0x)?([0-9a-f]{1,16}|\(null\))(?!\w)/;
const USER_CS = new Set(["0033", "0023", "0073"]);
const ARM_IP = /^(?:pc : |PC is at |epc : )/;
const ARM_LR = /^(?:lr : |LR is at )/;
const PPC = /^(NIP|LR) \[([0-9a-f]{8,16})\] /;

function fromRest(role: IpLine["role"], rest: string, user: boolean): IpLine | null {
  let text = rest;
  let address: string | null = null;
  for (let i = 0; i < 2; i++) {
    const b = BRACKET.exec(text);
    if (!b) break;
    address = b[1]?.trim() ?? null;
    text = text.slice(b[0].length);
  }
  const frame = parseSymbolAt(text);
  if (frame) return { role, frame, address, user };
  const raw = RAW.exec(text.trim());
  if (!raw && address === null) return null;
  return { role, frame: null, address: raw?.[1] ?? address, user };
}

export function parseIpLine(t: string): IpLine | null {
  const c = t.charCodeAt(0);
  if (c === 0x52 || c === 0x45 || c === 0x49 /* R E I */) {
    const m = X86.exec(t);
    if (!m) return null;
    return fromRest("ip", t.slice(m[0].length), USER_CS.has(m[1] ?? ""));
  }
  if (c === 0x70 || c === 0x50 || c === 0x65 /* p P e */) {
    const m = ARM_IP.exec(t);
    return m ? fromRest("ip", t.slice(m[0].length), false) : null;
  }
  if (c === 0x6c || c === 0x4c /* l L */) {
    const m = ARM_LR.exec(t);
    if (m) return fromRest("lr", t.slice(m[0].length), false);
  }
  if (c === 0x4e || c === 0x4c /* N L */) {
    const m = PPC.exec(t);
    if (!m) return null;
    return fromRest(m[1] === "NIP" ? "ip" : "lr", t.slice(m[0].length), false);
  }
  return null;
}

/** The frame an address-only IP stands for, so traces and signatures can still show it. */
export function ipFrame(ip: IpLine): Frame {
  return ip.frame ?? rawFrame(ip.address ?? "?", true);
}
