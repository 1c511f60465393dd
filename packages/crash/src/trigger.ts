import type { CrashKind } from "./schema";

/**
 * How a trigger combines with a report already open a few lines above it:
 * - generic: `kernel BUG at`, `invalid opcode`, `Oops:`, `WARNING: CPU:` lines. Inside the
 *   header of a report they are part of it; a more specific trigger there takes over.
 * - weak: catch-all `BUG:`/`WARNING:` lines, kept only when crash context follows.
 * - consequence: a panic caused by the report before it (panic_on_oops, hung_task_panic…);
 *   it extends that report instead of starting one.
 * - closer: the last line of a report (the OOM kill), which starts one only when alone.
 */
export type TriggerRole = "specific" | "generic" | "weak" | "consequence" | "closer";

export interface Trigger {
  kind: CrashKind;
  /** Literal starts that gate the regex (cheap filter). */
  prefixes?: readonly string[];
  /** Literal the line must contain, for headlines that start with a variable word. */
  contains?: string;
  /** Anchored and bounded. */
  re: RegExp;
  headline: (m: RegExpExecArray) => string;
  /** Signature headline shared by every kernel's wording; default: the numbers-normalised headline. */
  canonical?: string;
  role?: TriggerRole;
  /** The line names the raising function (`WARNING: … at f.c:1 func+0x1/0x2`, KASAN, stack-protector). */
  symbolInLine?: boolean;
  /** A header line whose first group qualifies the title, e.g. KASAN's `Read`/`Write`. */
  qualify?: RegExp;
  /** Task named by the headline, when the report prints no `CPU: … Comm:` line. */
  task?: (m: RegExpExecArray) => { comm: string; pid: number | null };
}

export interface Hit {
  trigger: Trigger;
  match: RegExpExecArray;
}

export function roleOf(trigger: Trigger): TriggerRole {
  return trigger.role ?? "specific";
}
