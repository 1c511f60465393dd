/**
 * Names and handles that end up as tokens on a `tc -batch` line. tc's batch reader
 * splits on whitespace and gives meaning to quotes, `#` and `\`, so a token holding
 * any of those could change the command; everything rendered is checked against
 * SAFE_TOKEN.
 */
export const SAFE_TOKEN = /^[A-Za-z0-9_.:/%+@-]+$/;

export function isSafeToken(token: string): boolean {
  return SAFE_TOKEN.test(token);
}

/** IFNAMSIZ is 16 including the terminating NUL. */
export const MAX_IFNAME_BYTES = 15;

const batchBreakers = /["'#\\`]/;
const allowedNameChar = /^[A-Za-z0-9_.@+-]$/;

/**
 * Why `name` is not a usable interface name (or glob, when allowGlob), or undefined.
 * Mirrors the kernel's dev_valid_name() and adds what a batch line cannot carry.
 */
export function interfaceNameProblem(name: string, allowGlob = false): string | undefined {
  const shown = JSON.stringify(name);
  if (name === "") return "interface name is empty";
  if (/\s/.test(name)) return `interface name ${shown} contains whitespace`;
  const bad = batchBreakers.exec(name);
  if (bad)
    return `interface name ${shown} contains '${bad[0]}', which cannot appear in a tc batch line`;
  if (name.includes("/")) return `interface name ${shown} contains "/"`;
  if (name.includes(":")) return `interface name ${shown} contains ":", which Linux does not allow`;
  if (name === "." || name === "..") return `interface name ${shown} is reserved`;
  if (name.startsWith("-")) return `interface name ${shown} starts with "-"`;
  const literal = allowGlob ? name.replace(/[*?]/g, "") : name;
  const bytes = Buffer.byteLength(literal, "utf8");
  if (bytes > MAX_IFNAME_BYTES) {
    return `interface name ${shown} is ${bytes} bytes; Linux allows at most ${MAX_IFNAME_BYTES}`;
  }
  for (const ch of literal) {
    if (!allowedNameChar.test(ch)) {
      return `interface name ${shown} contains ${JSON.stringify(ch)}, which is not accepted`;
    }
  }
  return undefined;
}

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split("")
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\-]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(name);
}
