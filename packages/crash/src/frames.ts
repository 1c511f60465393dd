import type { Frame } from "./schema";
import { rawFrame, SYMBOL_SOURCE, symbolFrame } from "./symbol";

// Trace line shapes, each anchored and bounded. Capture 1 is the `? ` unreliable mark where
// the format has one; the symbol groups follow.
/** x86 since 4.x, arm64 since 5.x: ` ? func+0x1/0x2 [mod]` */
const PLAIN = new RegExp(String.raw`^\s{0,16}(\? )?${SYMBOL_SOURCE}\s{0,8}$`);
/** x86 before 4.x, arm64 4.x, riscv: ` [<ffffffff81234567>] ? func+0x1/0x2 [mod]` */
const BRACKETED = new RegExp(
  String.raw`^\s{0,16}(?:<(?:IRQ|EOI|NMI)>\s{0,8})?\[<([0-9a-f]{1,16})>\]\s{1,4}(\? )?${SYMBOL_SOURCE}`,
);
const BRACKETED_RAW =
  /^\s{0,16}(?:<(?:IRQ|EOI|NMI)>\s{0,8})?\[<([0-9a-f]{1,16})>\]\s{1,4}(\? )?(?:0x[0-9a-f]{1,16}|\(null\))?\s{0,8}$/;
/** ppc64: `[c00000000bfefa60] [c008000000e10cac] func+0x24/0x70 [mod] (unreliable)` */
const PPC = new RegExp(
  String.raw`^\s{0,8}\[([0-9a-f]{8,16})\] \[([0-9a-f]{8,16})\] ${SYMBOL_SOURCE}( \(unreliable\))?`,
);
/** ppc64 exception boundary: `--- interrupt: 300 at func+0x24/0x60 [mod]` */
const PPC_INTERRUPT = new RegExp(
  String.raw`^\s{0,8}--- interrupt: [0-9a-f]{1,5} at ${SYMBOL_SOURCE}`,
);
/** Unsymbolised address: ` 0xffffffffc0123456` or ` ? 0xffffffffc0123456` */
const ADDRESS = /^\s{0,16}(\? )?0x([0-9a-f]{1,16})\s{0,8}$/;
const MARKER =
  /^\s{0,16}(?:<\/?(?:IRQ|TASK|NMI|EOI|SOFTIRQ|#DF|DF|MCE|VC|DB|EOE)>|<<EOE>>|---\s?interrupt|LR = |Exception stack\(|\[ end of stack \])/;

/** A call-trace frame, or null. */
export function parseFrameLine(t: string): Frame | null {
  if (t.indexOf("+0x") < 0) {
    const a = ADDRESS.exec(t);
    if (a) return rawFrame(`0x${a[2]}`, !a[1]);
    const b = BRACKETED_RAW.exec(t);
    return b ? rawFrame(`0x${b[1]}`, !b[2]) : null;
  }
  let m = PLAIN.exec(t);
  if (m) return symbolFrame(m, 2, !m[1], null);
  m = BRACKETED.exec(t);
  if (m) return symbolFrame(m, 3, !m[2], m[1] ?? null);
  m = PPC.exec(t);
  if (m) return symbolFrame(m, 3, !m[7], m[2] ?? null);
  m = PPC_INTERRUPT.exec(t);
  if (m) return symbolFrame(m, 1, true, null);
  return null;
}

/** Stack-context markers and ppc/arm annotations inside a trace. */
export function isTraceMarker(t: string): boolean {
  return MARKER.test(t);
}

// KFENCE prints its stack right under the access line, with no "Call Trace:" header.
const KFENCE_ACCESS =
  /^(?:(?:Out-of-bounds|Use-after-free|Invalid) (?:read|write) at|Corrupted memory at|Invalid free of) 0x/;

export function isTraceStart(t: string): boolean {
  return (
    t.startsWith("Call Trace:") ||
    t.startsWith("Call trace:") ||
    t.startsWith("Backtrace:") ||
    KFENCE_ACCESS.test(t)
  );
}
