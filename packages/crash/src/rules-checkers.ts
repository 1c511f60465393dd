import { cleanHeadline } from "./headline";
import { cleaned } from "./rules-shared";
import type { Trigger } from "./trigger";

/** Sanitizers, hardening checks and the scheduler's and page allocator's own checks. */
export const CHECKER_TRIGGERS: readonly Trigger[] = [
  {
    kind: "sleeping-in-atomic",
    prefixes: ["BUG: sleeping function called"],
    re: /^BUG: sleeping function called from invalid context/,
    headline: (m) => m[0],
    canonical: "BUG: sleeping function called from invalid context",
  },
  {
    kind: "scheduling-while-atomic",
    prefixes: ["BUG: scheduling while atomic"],
    re: /^BUG: scheduling while atomic(?:: (.{1,64}?)\/(\d{1,10})\/0x[0-9a-f]{1,8})?/,
    headline: () => "BUG: scheduling while atomic",
    canonical: "BUG: scheduling while atomic",
    task: (m) => ({ comm: m[1] ?? "", pid: m[2] ? Number(m[2]) : null }),
  },
  {
    kind: "bad-page",
    prefixes: ["BUG: Bad page "],
    re: /^BUG: Bad page (state|map)(?: in process (\S{1,64}))?/,
    headline: (m) => `BUG: Bad page ${m[1]}`,
    task: (m) => ({ comm: m[2] ?? "", pid: null }),
  },
  {
    kind: "kasan",
    prefixes: ["BUG: KASAN: "],
    re: /^BUG: KASAN: ([\w-]{1,40}(?: or [\w-]{1,40})?) in \S/,
    headline: (m) => `KASAN: ${m[1]}`,
    symbolInLine: true,
    qualify: /^(Read|Write) of size \d/,
  },
  {
    kind: "kfence",
    prefixes: ["BUG: KFENCE: "],
    re: /^BUG: KFENCE: ([\w-]{1,40}(?: read| write)?) in \S/,
    headline: (m) => `KFENCE: ${m[1]}`,
    symbolInLine: true,
  },
  {
    kind: "ubsan",
    prefixes: ["UBSAN: "],
    re: /^UBSAN: ([\w -]{1,60}?) in \S/,
    headline: (m) => `UBSAN: ${m[1]}`,
  },
  // SLUB debug: `BUG kmalloc-64 (Tainted: G    B  ): Poison overwritten`
  {
    kind: "slab",
    prefixes: ["BUG "],
    re: /^BUG ([\w.:-]{1,64}) \((?:Not tainted|Tainted: [^)]{0,60})\): (.{1,160})$/,
    headline: (m) => `BUG ${m[1]}: ${cleanHeadline(m[2] ?? "")}`,
  },
  // generic checkers: the title names their caller (see kinds.ts blameSkip)
  {
    kind: "list-corruption",
    prefixes: ["list_add corruption", "list_del corruption"],
    re: /^(list_(?:add|del)) corruption/,
    headline: (m) => `${m[1]} corruption`,
  },
  { kind: "refcount", prefixes: ["refcount_t: "], re: /^refcount_t: \S/, headline: cleaned },
  {
    kind: "usercopy",
    prefixes: ["usercopy: "],
    re: /^usercopy: [Kk]ernel memory/,
    headline: cleaned,
  },
  {
    kind: "fortify",
    prefixes: ["detected buffer overflow in "],
    re: /^detected buffer overflow in (\w{1,64})/,
    headline: (m) => `${m[1]}: detected buffer overflow`,
  },
  {
    kind: "fortify",
    contains: ": detected ",
    re: /^(\w{1,64}): detected (buffer overflow|buffer over-read|field-spanning write)/,
    headline: (m) => `${m[1]}: detected ${m[2]}`,
  },
];
