import { CHECKER_TRIGGERS } from "./rules-checkers";
import { FAULT_TRIGGERS } from "./rules-faults";
import { FALLBACK_TRIGGERS, PANIC_TRIGGERS } from "./rules-panics";
import type { Hit, Trigger } from "./trigger";

export const TRIGGERS: readonly Trigger[] = [
  ...CHECKER_TRIGGERS,
  ...FAULT_TRIGGERS,
  ...PANIC_TRIGGERS,
  ...FALLBACK_TRIGGERS,
];

interface Gate {
  prefix: string;
  trigger: Trigger;
}

// Rules indexed by the first character of their prefixes: most lines test no regex at all.
const byFirstChar = new Map<number, Gate[]>();
const containing: Trigger[] = [];
for (const trigger of TRIGGERS) {
  if (trigger.contains) containing.push(trigger);
  for (const prefix of trigger.prefixes ?? []) {
    const c = prefix.charCodeAt(0);
    const list = byFirstChar.get(c) ?? [];
    list.push({ prefix, trigger });
    byFirstChar.set(c, list);
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** One scan per line for all `contains` rules instead of one per rule. */
const ANY_CONTAINED = new RegExp(containing.map((t) => escapeRegExp(t.contains ?? "")).join("|"));

function tryRule(trigger: Trigger, text: string): Hit | null {
  const match = trigger.re.exec(text);
  return match ? { trigger, match } : null;
}

function matchOnce(text: string): Hit | null {
  if (text.length < 6) return null;
  const gates = byFirstChar.get(text.charCodeAt(0));
  if (gates) {
    let tried: Trigger | null = null;
    for (const { prefix, trigger } of gates) {
      if (trigger === tried || !text.startsWith(prefix)) continue;
      tried = trigger;
      const hit = tryRule(trigger, text);
      if (hit) return hit;
    }
  }
  if (!ANY_CONTAINED.test(text)) return null;
  for (const trigger of containing) {
    if (trigger.contains && text.includes(trigger.contains)) {
      const hit = tryRule(trigger, text);
      if (hit) return hit;
    }
  }
  return null;
}

/** The trigger a message line opens, if any. */
export function matchTrigger(text: string): Hit | null {
  const hit = matchOnce(text);
  if (hit || !text.startsWith("Oops: ")) return hit;
  // Since 6.10 x86 prints `Oops: general protection fault …`, `Oops: invalid opcode …`.
  return matchOnce(text.slice(6));
}
