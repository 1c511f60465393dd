// Register dumps: x86 (`RAX: … RBX: …`, `RSP: 0018:ff55…`), arm64 (`x29: … x28: …`,
// `sp : …`, `pstate: …`), ppc64 (`NIP:  … LR: …`, `GPR00: v0 v1 v2 v3`).
const REGISTER_LINE =
  /^(?:R[A-Z0-9]{1,3}|E[A-Z]{2,5}|[CDEFGS]S|CR\d|DR\d|PKRU|ORIG_RAX|x\d{1,2}|sp|pstate|NIP|MSR|CFAR|REGS|SOFTE|GPR\d\d) {0,2}:/;
const PAIR = /([A-Za-z][A-Za-z0-9_]{0,8}) {0,2}: {1,3}((?:[0-9a-f]{4}:)?[0-9a-f]{2,16})(?![\w:])/g;
const GPR = /^GPR(\d\d): {1,2}([0-9a-f]{8,16}(?: {1,2}[0-9a-f]{8,16}){0,7}) {0,2}$/;

/** Register dumps and instruction bytes, which may sit inside a call trace. */
export function isRegisterLine(t: string): boolean {
  return REGISTER_LINE.test(t) || t.startsWith("Code: ") || t.startsWith("Instruction dump:");
}

/** Adds the registers printed on one line to `into`; false when it is not a register line. */
export function parseRegisterLine(t: string, into: Record<string, string>): boolean {
  if (!REGISTER_LINE.test(t)) return false;
  const gpr = GPR.exec(t);
  if (gpr) {
    const base = Number(gpr[1]);
    const values = (gpr[2] ?? "").trim().split(/ {1,2}/);
    values.forEach((v, i) => {
      into[`r${base + i}`] = v;
    });
    return true;
  }
  for (const m of t.slice(0, 512).matchAll(PAIR)) {
    const name = m[1];
    const value = m[2];
    if (name && value && !(name in into)) into[name] = value;
  }
  return true;
}
