import type { Taint } from "./schema";

/** The kernel's taint letters (Documentation/admin-guide/tainted-kernels.rst), by bit. */
export const TAINT_FLAGS: Readonly<Record<string, { bit: number; meaning: string }>> = {
  P: { bit: 0, meaning: "proprietary module was loaded" },
  G: { bit: 0, meaning: "all loaded modules are GPL-compatible" },
  F: { bit: 1, meaning: "module was force loaded" },
  S: { bit: 2, meaning: "kernel running on an out of specification system" },
  R: { bit: 3, meaning: "module was force unloaded" },
  M: { bit: 4, meaning: "processor reported a Machine Check Exception (MCE)" },
  B: { bit: 5, meaning: "bad page referenced or some unexpected page flags" },
  U: { bit: 6, meaning: "taint requested by userspace application" },
  D: { bit: 7, meaning: "kernel died recently, i.e. there was an OOPS or BUG" },
  A: { bit: 8, meaning: "ACPI table overridden by user" },
  W: { bit: 9, meaning: "kernel issued warning" },
  C: { bit: 10, meaning: "staging driver was loaded" },
  I: { bit: 11, meaning: "workaround for bug in platform firmware applied" },
  O: { bit: 12, meaning: "externally-built (out-of-tree) module was loaded" },
  E: { bit: 13, meaning: "unsigned module was loaded" },
  L: { bit: 14, meaning: "soft lockup occurred" },
  K: { bit: 15, meaning: "kernel has been live patched" },
  X: { bit: 16, meaning: "auxiliary taint, defined for and used by distros" },
  T: { bit: 17, meaning: "kernel was built with the struct randomization plugin" },
  N: { bit: 18, meaning: "an in-kernel test has been run" },
  J: { bit: 19, meaning: "userspace used a mutating debug operation in fwctl" },
};

export interface TaintAndRelease {
  taint: Taint;
  release: string | null;
}

function taintOf(letters: string): Taint {
  const flags = [...letters].map((letter) => ({
    letter,
    meaning: TAINT_FLAGS[letter]?.meaning ?? "unknown taint flag",
  }));
  return { letters, flags };
}

/**
 * Reads `Not tainted 6.1.0 #1 …` or `Tainted: G           OE      6.1.0 #1 …`. Unset flags
 * print as spaces, so the letters are spread over several words; the release is the word
 * before `#N`. RHEL appends its own flags after a run of dashes: those are not upstream
 * letters and are left out.
 */
export function parseTaintAndRelease(text: string): TaintAndRelease | null {
  const notTainted = text.indexOf("Not tainted");
  const tainted = text.indexOf("Tainted: ");
  if (notTainted < 0 && tainted < 0) return null;
  const clean = notTainted >= 0 && (tainted < 0 || notTainted < tainted);
  const rest = clean ? text.slice(notTainted + 11) : text.slice(tainted + 9);
  const words = rest.trim().split(/\s+/, 40);
  const hash = words.findIndex((w) => /^#\d/.test(w));
  const release = hash > 0 ? (words[hash - 1] ?? null) : null;
  const flagWords = hash > 0 ? words.slice(0, hash - 1) : clean ? [] : words;
  let letters = "";
  if (!clean) {
    for (const w of flagWords) {
      if (!/^[A-Z]{1,20}$/.test(w)) break;
      letters += w;
    }
  }
  return { taint: taintOf(letters), release };
}
