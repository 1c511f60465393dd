import type { Argv } from "@fleetdeck/tc";
import type { RawDevice } from "./records";

/**
 * Reading devices inside one `tc -d -j -batch` run. Every listing runs with -d:
 * classes need it for their quantum, and a run has one set of flags, so qdiscs and
 * filters are read with it too (htb adds "ver", tbf prints its burst as "10Kb/1",
 * sfq adds "flows", police a link layer; @fleetdeck/tc reads both forms).
 *
 * A qdisc or filter listing prints exactly one JSON line ("[...]", "[]" when empty),
 * flushed before the next line runs. Classes print text on iproute2 6.1 whatever -j
 * says (newer versions print one JSON line): a text listing is every non-JSON line up
 * to the next JSON line. Which of the two this tc does is read off the line count.
 */
export type IngressKind = "ingress" | "clsact" | undefined;

/**
 * Per device: classes, qdiscs, root filters, and the three ingress-side listings. Each
 * of those prints "[]" when it does not apply (no ingress qdisc, or the other kind),
 * so one run reads them all before knowing which kind of ingress qdisc a device has.
 */
export const SHOWS_PER_DEVICE = 6;

export function showLines(devs: readonly string[]): Argv[] {
  return devs.flatMap((dev) => [
    ["class", "show", "dev", dev],
    ["qdisc", "show", "dev", dev],
    ["filter", "show", "dev", dev],
    ["filter", "show", "dev", dev, "parent", "ffff:"],
    ["filter", "show", "dev", dev, "ingress"],
    ["filter", "show", "dev", dev, "egress"],
  ]);
}

export const isShow = (argv: readonly string[]) => argv[1] === "show";
const isClassShow = (argv: readonly string[]) => argv[0] === "class" && argv[1] === "show";
const isJson = (line: string) => line.startsWith("[");
const CLASS_TEXT = /^(?:class |\s|$)/;

/** How this tc prints class listings, as told by a run that fit only one way. */
export type ClassFormat = "text" | "json";

/**
 * Each show's output from stdout's lines, from the top; `whole`: every line must be
 * used (a whole run), else what follows the last show is left (a run cut short).
 */
function assign(
  lines: readonly string[],
  shows: readonly Argv[],
  format: ClassFormat,
  whole: boolean,
): string[] | null {
  const out: string[] = [];
  let at = 0;
  const skipBlank = () => {
    while (at < lines.length && (lines[at] ?? "").trim() === "") at++;
  };
  for (const show of shows) {
    if (format === "text" && isClassShow(show)) {
      const block: string[] = [];
      while (at < lines.length && !isJson(lines[at] ?? "")) block.push(lines[at++] ?? "");
      // Class text is "class ..." lines, indented detail lines and blank lines only.
      if (!block.every((l) => CLASS_TEXT.test(l))) return null;
      out.push(block.join("\n").trim());
      continue;
    }
    skipBlank();
    const line = lines[at++];
    if (line === undefined || !isJson(line)) return null;
    out.push(line);
  }
  skipBlank();
  return !whole || at === lines.length ? out : null;
}

export interface SplitShows {
  outputs: string[];
  /** Known only when a class listing was among the shows (it decides the fit). */
  format: ClassFormat | null;
}

/**
 * The output of each show line in `shows` (the show lines that ran, in order), or null
 * when stdout does not fit them in either class format: then nothing is guessed. The
 * two formats expect different numbers of JSON lines, so at most one fits a whole run.
 */
export function splitShows(stdout: string, shows: readonly Argv[]): SplitShows | null {
  const lines = stdout.split("\n");
  const decides = shows.some(isClassShow);
  for (const format of ["text", "json"] as const) {
    const outputs = assign(lines, shows, format, true);
    if (outputs) return { outputs, format: decides ? format : null };
  }
  return null;
}

/**
 * The outputs of the first shows of a run that stopped without saying where: only in
 * a format an earlier whole run established (a cut-short output fits either).
 */
export function splitPrefix(
  stdout: string,
  shows: readonly Argv[],
  format: ClassFormat,
): string[] | null {
  return assign(stdout.split("\n"), shows, format, false);
}

/** RawDevice records from the outputs of showLines(devs), in order. */
export function assemble(
  devs: readonly string[],
  outputs: readonly string[],
  kindOf: (dev: string, qdisc: string) => IngressKind,
): RawDevice[] {
  return devs.map((dev, i) => {
    const [
      cls = "",
      qdisc = "[]",
      filter = "[]",
      parentFfff = "[]",
      ingress = "[]",
      egress = "[]",
    ] = outputs.slice(i * SHOWS_PER_DEVICE, (i + 1) * SHOWS_PER_DEVICE);
    const raw: RawDevice = { dev, qdisc, class: cls, filter };
    const kind = kindOf(dev, qdisc);
    if (kind === "ingress") raw.ingressFilter = parentFfff;
    if (kind === "clsact") {
      raw.ingressFilter = ingress;
      raw.clsactEgressFilter = egress;
    }
    return raw;
  });
}
