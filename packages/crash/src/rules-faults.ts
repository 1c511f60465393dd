import { cleaned, fixed, whole } from "./rules-shared";
import type { Trigger } from "./trigger";

const NULL_DEREF = "BUG: kernel NULL pointer dereference";
const PAGE_FAULT = "BUG: unable to handle page fault";

/** Page faults, traps, BUG() and WARN(), most specific first. */
export const FAULT_TRIGGERS: readonly Trigger[] = [
  // x86 page faults (`unable to handle kernel NULL` before 4.17), arm/arm64, ppc64
  {
    kind: "null-deref",
    prefixes: [NULL_DEREF],
    re: /^BUG: kernel NULL pointer dereference/,
    headline: whole,
    canonical: NULL_DEREF,
  },
  {
    kind: "null-deref",
    prefixes: ["BUG: unable to handle kernel NULL"],
    re: /^BUG: unable to handle kernel NULL pointer dereference/,
    headline: whole,
    canonical: NULL_DEREF,
  },
  {
    kind: "paging-fault",
    prefixes: ["BUG: unable to handle "],
    re: /^BUG: unable to handle \w/,
    headline: cleaned,
    canonical: PAGE_FAULT,
  },
  {
    kind: "null-deref",
    prefixes: ["Unable to handle kernel NULL"],
    re: /^Unable to handle kernel NULL pointer dereference/,
    headline: whole,
    canonical: NULL_DEREF,
  },
  {
    kind: "paging-fault",
    prefixes: ["Unable to handle kernel "],
    re: /^Unable to handle kernel [a-z]/,
    headline: cleaned,
    canonical: PAGE_FAULT,
  },
  {
    kind: "null-deref",
    prefixes: ["BUG: Kernel NULL pointer"],
    re: /^BUG: Kernel NULL pointer dereference(?: on (?:read|write))?/,
    headline: whole,
    canonical: NULL_DEREF,
  },
  {
    kind: "paging-fault",
    prefixes: ["BUG: Unable to handle kernel "],
    re: /^BUG: Unable to handle kernel [a-z]/,
    headline: cleaned,
    canonical: PAGE_FAULT,
  },
  // other x86 traps; 6.10+ prefixes them with "Oops: ", which matching strips
  {
    kind: "gpf",
    prefixes: ["general protection fault"],
    re: /^general protection fault/,
    headline: fixed("general protection fault"),
    canonical: "general protection fault",
  },
  {
    kind: "gpf",
    prefixes: ["stack segment: "],
    re: /^stack segment: [0-9a-f]{4}/,
    headline: fixed("stack segment"),
    canonical: "general protection fault",
  },
  {
    kind: "divide-error",
    prefixes: ["divide error: "],
    re: /^divide error: [0-9a-f]{4}/,
    headline: fixed("divide error"),
    canonical: "divide error",
  },
  // BUG() and the oops banners that follow a headline
  {
    kind: "bug",
    prefixes: ["kernel BUG at "],
    re: /^kernel BUG at \S/,
    headline: fixed("kernel BUG"),
    canonical: "kernel BUG",
    role: "generic",
  },
  {
    kind: "bug",
    prefixes: ["invalid opcode: "],
    re: /^invalid opcode: [0-9a-f]{4}/,
    headline: fixed("invalid opcode"),
    canonical: "kernel BUG",
    role: "generic",
  },
  {
    kind: "bug",
    prefixes: ["Internal error: Oops - "],
    re: /^Internal error: Oops - (?:BUG|undefined instruction)/,
    headline: cleaned,
    canonical: "kernel BUG",
    role: "generic",
  },
  {
    kind: "paging-fault",
    prefixes: ["Internal error: "],
    re: /^Internal error: Oops/,
    headline: cleaned,
    canonical: PAGE_FAULT,
    role: "generic",
  },
  {
    kind: "bug",
    prefixes: ["Oops: Exception in kernel mode"],
    re: /^Oops: Exception in kernel mode/,
    headline: fixed("kernel BUG"),
    canonical: "kernel BUG",
    role: "generic",
  },
  {
    kind: "paging-fault",
    prefixes: ["Oops: "],
    re: /^Oops: (?:(?:Oops: )?[0-9a-f]{4} \[#\d|Kernel access of bad area)/,
    headline: fixed("Oops"),
    canonical: PAGE_FAULT,
    role: "generic",
  },
  // WARN(): 2.6 `WARNING: at`, 3.x–6.x `WARNING: CPU: n PID: n at`, 6.16+ `WARNING: file:line at`
  {
    kind: "warning",
    prefixes: ["WARNING: "],
    re: /^WARNING: (?:(?:CPU: \d{1,5} PID: \d{1,10} )?at \S|\S{1,200}:\d{1,6} at \S)/,
    headline: fixed("WARNING"),
    canonical: "WARNING",
    role: "generic",
    symbolInLine: true,
  },
];
