import { isSafeToken } from "./names";

export class UnsafeTokenError extends Error {
  override name = "UnsafeTokenError";
}

/**
 * The text of a `tc -batch` file: one command per line, without the leading "tc".
 * Validation already refuses unsafe values; this is the last line of defence, so a
 * token that could split or comment out a line throws instead of being written.
 */
export function renderBatch(commands: readonly (readonly string[])[]): string {
  return commands
    .map((argv) => {
      if (argv.length === 0) throw new UnsafeTokenError("empty command");
      for (const token of argv) {
        if (!isSafeToken(token)) {
          throw new UnsafeTokenError(`unsafe token ${JSON.stringify(token)} in: ${argv.join(" ")}`);
        }
      }
      return `${argv.join(" ")}\n`;
    })
    .join("");
}
