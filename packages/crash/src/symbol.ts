import type { Frame } from "./schema";

// `func+0x14/0x53 [module]` or `func+0x14/0x53 [module buildid]`; symbols never hold '+'.
const SYM = String.raw`([A-Za-z_.$][\w.$]{0,199})\+(0x[0-9a-fA-F]{1,16})\/(0x[0-9a-fA-F]{1,16})`;
const MOD = String.raw`(?: \[([\w-]{1,64})(?: [0-9a-f]{8,64})?\])?`;
export const SYMBOL_SOURCE = SYM + MOD;
const SYMBOL_AT_START = new RegExp(`^${SYMBOL_SOURCE}`);
const SYMBOL_ANYWHERE = new RegExp(SYMBOL_SOURCE);
const SUFFIXES =
  /(?:\.(?:cold|constprop\.\d{1,6}|isra\.\d{1,6}|part\.\d{1,6}|llvm\.\d{1,24}|lto_priv\.\d{1,6}|cfi|cfi_jt|localalias))+$/;

/** The function a human recognises: compiler clones (.cold, .isra.N …) fold into it. */
export function normalizeFunction(symbol: string): string {
  return symbol.replace(SUFFIXES, "");
}

export function symbolFrame(
  m: RegExpExecArray,
  first: number,
  reliable: boolean,
  address: string | null,
): Frame {
  const symbol = m[first] ?? "";
  return {
    function: normalizeFunction(symbol),
    symbol,
    offset: m[first + 1] ?? null,
    size: m[first + 2] ?? null,
    module: m[first + 3] ?? null,
    address,
    reliable,
  };
}

export function rawFrame(address: string, reliable: boolean): Frame {
  return {
    function: null,
    symbol: null,
    offset: null,
    size: null,
    module: null,
    address,
    reliable,
  };
}

/** A symbol at the start of `text` (after trimming), e.g. the value of `RIP: 0010:`. */
export function parseSymbolAt(text: string, reliable = true): Frame | null {
  const m = SYMBOL_AT_START.exec(text.trimStart());
  return m ? symbolFrame(m, 1, reliable, null) : null;
}

/** The first `func+0x…/0x…` anywhere in a line (WARNING: … at file:line func+…). */
export function findSymbol(text: string): Frame | null {
  const head = text.length > 512 ? text.slice(0, 512) : text;
  if (head.indexOf("+0x") < 0) return null;
  const m = SYMBOL_ANYWHERE.exec(head);
  return m ? symbolFrame(m, 1, true, null) : null;
}
