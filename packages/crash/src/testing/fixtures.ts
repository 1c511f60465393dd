import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** What a reviewer expects of a log's first report; "-" fields mean "none". */
export interface Expectation {
  file: string;
  title: string;
  function: string;
  module: string;
  kind: string;
  group: string | null;
  corrupted: boolean;
  /** The raw log, without the fixture header. */
  log: string;
}

export const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
export const SHARED_CORPUS = resolve(REPO_ROOT, "fixtures", "shared", "crashes");
export const OWN_CORPUS = resolve(REPO_ROOT, "packages", "crash", "fixtures");

/** `KEY: value` lines, a blank line, then the raw log (see fixtures/README.md). */
export function parseFixture(file: string, text: string): Expectation {
  const split = text.indexOf("\n\n");
  const head = split < 0 ? text : text.slice(0, split);
  const log = split < 0 ? "" : text.slice(split + 2);
  const fields = new Map<string, string>();
  for (const line of head.split("\n")) {
    const at = line.indexOf(": ");
    if (at > 0) fields.set(line.slice(0, at).trim().toUpperCase(), line.slice(at + 2).trim());
  }
  const get = (key: string): string => {
    const value = fields.get(key);
    if (value === undefined) throw new Error(`${file}: fixture header lacks ${key}`);
    return value;
  };
  return {
    file,
    title: get("TITLE"),
    function: get("FUNCTION"),
    module: get("MODULE"),
    kind: get("KIND"),
    group: fields.get("GROUP") ?? null,
    corrupted: fields.get("CORRUPTED") === "true",
    log,
  };
}

export function loadOwnFixtures(): Expectation[] {
  return readdirSync(OWN_CORPUS)
    .filter((f) => f.endsWith(".log"))
    .sort()
    .map((f) => parseFixture(f, readFileSync(resolve(OWN_CORPUS, f), "utf8")));
}

const MANIFEST_COLUMNS = 7;

/** The shared corpus: MANIFEST.tsv rows joined with their log files. */
export function loadSharedCorpus(): Expectation[] {
  const manifest = readFileSync(resolve(SHARED_CORPUS, "MANIFEST.tsv"), "utf8");
  const rows = manifest
    .split("\n")
    .slice(1)
    .filter((line) => line.trim().length > 0);
  return rows.map((line) => {
    const cells = line.split("\t");
    if (cells.length !== MANIFEST_COLUMNS)
      throw new Error(`MANIFEST row has ${cells.length} cells: ${line}`);
    const [file = "", , , title = "", fn = "", module = "", group = ""] = cells;
    const crash = title !== "-";
    return {
      file,
      title,
      function: fn,
      module,
      kind: crash ? "?" : "-",
      group: crash && group !== "-" ? group : null,
      corrupted: false,
      log: readFileSync(resolve(SHARED_CORPUS, file), "utf8"),
    };
  });
}

export function sharedLogFiles(): string[] {
  return readdirSync(SHARED_CORPUS)
    .filter((f) => f.endsWith(".log"))
    .sort();
}
