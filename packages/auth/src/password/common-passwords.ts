import { readFileSync } from "node:fs";

let cached: ReadonlySet<string> | undefined;

/**
 * The 10,000 most common passwords, lower-cased. Read on first use rather than at import
 * so processes that never check a new password (agents, workers) never pay for it.
 */
export function commonPasswords(): ReadonlySet<string> {
  if (cached) return cached;
  const text = readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8");
  const set = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.normalize("NFKC").toLowerCase();
    if (entry) set.add(entry);
  }
  cached = set;
  return set;
}
