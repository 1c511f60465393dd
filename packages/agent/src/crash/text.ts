import type { CrashReport } from "@fleetdeck/crash";

/** crashUploadSchema's bound on `text` (zod counts UTF-16 units, as String.length does). */
export const MAX_TEXT = 4 * 1024 * 1024;

const CPU_LINE = /(?:Not tainted|Tainted: [^\n]{0,80}?) +(\d+\.\d+[^\s#]{0,100}) +#\d/;
const BANNER = /Linux version (\S{1,100})/;

/**
 * Past the bound, keep the tail that ends with the last report: a panic is the last thing
 * a kernel prints, and a journal's later noise is worth less than the report itself.
 */
export function fitText(text: string, reports: CrashReport[] = [], max = MAX_TEXT): string {
  if (text.length <= max) return text;
  const last = reports.at(-1);
  const end = last ? offsetAfterLine(text, last.lines.end) : text.length;
  const from = Math.max(0, end - max);
  const newline = from === 0 ? -1 : text.indexOf("\n", from);
  const start = newline >= 0 && newline < end ? newline + 1 : from;
  return text.slice(start, end);
}

/** Offset just past line `line` (1-based), or the text's end. */
function offsetAfterLine(text: string, line: number): number {
  let at = 0;
  for (let n = 0; n < line; n++) {
    const next = text.indexOf("\n", at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

/** The crashed kernel's release: the report's CPU line, else the boot banner. */
export function kernelOf(text: string, reports: CrashReport[]): string | null {
  const release =
    reports.find((r) => r.kernel)?.kernel ??
    text.match(CPU_LINE)?.[1] ??
    text.match(BANNER)?.[1] ??
    null;
  return release ? release.slice(0, 128) : null;
}
