// Turns a printed message into a stable headline: addresses, file:line, comm:pid, CPU#n and
// parenthesised details go; plain counts ("10 seconds", "hit 0") stay, as in the titles
// reviewers expect.

// A word carrying a parenthesised or bracketed detail, e.g. `unknown-block(0,0)`, `[sh:90]`.
const GROUP = /\S{0,64}[([{][^()[\]{}]{1,200}[)\]}]\S{0,8}/g;
const HEX = /0x[0-9a-f]|^[0-9a-f]{8,}\W{0,2}$/i;
const VARIABLE = /[=:#@]\d|\d[:/]\d|\/\d{1,10}\W{0,2}$/;
const DANGLING = new Set([
  "at",
  "on",
  "in",
  "for",
  "from",
  "of",
  "to",
  "with",
  "by",
  "address",
  "virtual",
  "-",
  "",
]);
const TRAILING_PUNCTUATION = /[\s.,:;!-]+$/;

export function cleanHeadline(text: string): string {
  const words = text.slice(0, 400).replace(GROUP, " ").split(/\s+/);
  const kept: string[] = [];
  for (const word of words) {
    if (HEX.test(word) || VARIABLE.test(word)) break;
    kept.push(word);
  }
  while (kept.length > 1) {
    const last = (kept[kept.length - 1] ?? "").replace(/[:,]$/, "").toLowerCase();
    if (!DANGLING.has(last)) break;
    kept.pop();
  }
  return kept.join(" ").replace(TRAILING_PUNCTUATION, "").trim();
}

/** Numbers become N so that signatures group "blocked for 120 s" with "blocked for 240 s". */
export function normalizeNumbers(text: string): string {
  return text.replace(/\b(?:0x[0-9a-f]+|\d+)\b/gi, "N");
}
