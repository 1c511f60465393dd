import { AppError } from "../errors";

/**
 * Label selectors as people write them (Kubernetes style):
 * `env=prod, site in (fra1, ams2), tier!=db, canary, !legacy`.
 * Terms are ANDed; a term is `k=v`, `k!=v`, `k in (…)`, `k notin (…)`, `k` (has the label) or `!k`.
 */
export type Term =
  | { op: "eq" | "ne"; key: string; value: string }
  | { op: "in" | "notin"; key: string; values: string[] }
  | { op: "exists" | "absent"; key: string };

const KEY = /^[a-z0-9]([a-z0-9._/-]{0,62}[a-z0-9])?$/;
const VALUE = /^[^\s,=()!]*$/;

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (depth < 0) throw new AppError("BAD_REQUEST", "Selector: a “)” has no “(”.");
    if (ch === "," && depth === 0) {
      terms.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (depth !== 0) throw new AppError("BAD_REQUEST", "Selector: a “(” is not closed.");
  terms.push(current.trim());
  return terms.filter(Boolean);
}

function key(k: string, term: string): string {
  if (!KEY.test(k))
    throw new AppError("BAD_REQUEST", `Selector: “${k}” in “${term}” is not a label key.`);
  return k;
}

function value(v: string, term: string): string {
  if (!VALUE.test(v))
    throw new AppError("BAD_REQUEST", `Selector: “${v}” in “${term}” is not a label value.`);
  return v;
}

export function parseSelector(text: string): Term[] {
  return splitTerms(text).map((term): Term => {
    const set = /^([^\s!=]+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
    if (set) {
      const values = (set[3] ?? "")
        .split(",")
        .map((v) => value(v.trim(), term))
        .filter(Boolean);
      if (values.length === 0)
        throw new AppError("BAD_REQUEST", `Selector: “${term}” lists no values.`);
      return { op: set[2] as "in" | "notin", key: key(set[1] ?? "", term), values };
    }
    const ne = /^([^\s!=]+)\s*!=\s*(.*)$/.exec(term);
    if (ne)
      return { op: "ne", key: key(ne[1] ?? "", term), value: value((ne[2] ?? "").trim(), term) };
    const eq = /^([^\s!=]+)\s*==?\s*(.*)$/.exec(term);
    if (eq)
      return { op: "eq", key: key(eq[1] ?? "", term), value: value((eq[2] ?? "").trim(), term) };
    if (term.startsWith("!")) return { op: "absent", key: key(term.slice(1).trim(), term) };
    return { op: "exists", key: key(term, term) };
  });
}

export function matches(terms: Term[], labels: Record<string, string>): boolean {
  return terms.every((t) => {
    const actual = labels[t.key];
    switch (t.op) {
      case "eq":
        return actual === t.value;
      case "ne":
        return actual !== t.value;
      case "in":
        return actual !== undefined && t.values.includes(actual);
      case "notin":
        return actual === undefined || !t.values.includes(actual);
      case "exists":
        return actual !== undefined;
      case "absent":
        return actual === undefined;
      default:
        return t satisfies never;
    }
  });
}
