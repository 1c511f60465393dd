import { reorderPstore } from "./pstore";

/** One kernel message line with the host's prefixes removed. */
export interface LogLine {
  text: string;
  /** 1-based line number in the input. */
  no: number;
}

// Every pattern is anchored and bounded: they run once per input line.
const LEVEL = /^<\d{1,3}>/;
const DMESG_FACILITY =
  /^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local\d) {0,4}:(?:emerg|alert|crit|err|warn|notice|info|debug) {0,4}: /;
const TIMESTAMP = /^\[ {0,12}\d{1,10}\.\d{1,9}\] ?/;
const DMESG_T = /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\] ?/;
const CALLER = /^\[ {0,8}[TC]\d{1,8}\] ?/;
const SYSLOG =
  /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d{1,9})?|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?) \S{1,255} kernel(?:\[\d{1,10}\])?: ?/;
const EMBEDDED_TIMESTAMP = /\[ {0,12}\d{1,10}\.\d{6}\] /;
// Kernel records are at most ~1 KiB; longer lines are noise and would only cost time.
const MAX_LINE = 4096;
// Serial consoles carry colour escapes, pstore buffers NUL padding. indexOf is far cheaper
// than a character-class scan, and other control bytes only make a line match nothing.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ESC and NUL is the point.
const ESCAPES = /\u001b\[[0-9;]{0,16}[A-Za-z]?|\u0000/g;

function stripOnce(line: string, afterStamp: boolean): string | null {
  const c = line.charCodeAt(0);
  if (c === 0x3c /* < */) {
    const m = LEVEL.exec(line);
    return m ? line.slice(m[0].length) : null;
  }
  if (c === 0x5b /* [ */) {
    const m = TIMESTAMP.exec(line) ?? CALLER.exec(line) ?? DMESG_T.exec(line);
    return m ? line.slice(m[0].length) : null;
  }
  // `dmesg -x` pads the facility to six columns (`kern  :warn  : `), authpriv to eight.
  if (c >= 0x61 && c <= 0x7a && (line.charCodeAt(6) === 0x3a || line.charCodeAt(8) === 0x3a)) {
    const m = DMESG_FACILITY.exec(line);
    if (m) return line.slice(m[0].length);
  }
  if (afterStamp) {
    // `journalctl -o short-monotonic`: `[  123.456789] host kernel: …`
    const space = line.indexOf(" ");
    if (space > 0 && space < 256 && line.startsWith(" kernel: ", space))
      return line.slice(space + 9);
  }
  const month = c >= 0x41 && c <= 0x5a && line.charCodeAt(3) === 0x20;
  const isoDate = c >= 0x30 && c <= 0x39 && line.charCodeAt(4) === 0x2d;
  if (!month && !isoDate) return null;
  const m = SYSLOG.exec(line);
  return m ? line.slice(m[0].length) : null;
}

/** Removes syslog/journal/dmesg/pstore prefixes; a few passes cover stacked ones. */
export function stripPrefixes(raw: string): string {
  let line = raw;
  let stamped = false;
  for (let pass = 0; pass < 5; pass++) {
    const next = stripOnce(line, stamped);
    if (next === null) break;
    stamped = true;
    line = next;
  }
  if (!stamped && line.indexOf("[", 1) > 0) {
    // Serial consoles interleave user-space output: "Killed[    4.62] ACPI: …".
    const m = EMBEDDED_TIMESTAMP.exec(line);
    if (m && m.index > 0) return stripPrefixes(line.slice(m.index));
  }
  return line;
}

/** Splits any host's kernel log into message lines, in the order the kernel printed them. */
export function normalizeLog(text: string): LogLine[] {
  const dirty = text.indexOf("\u001b") >= 0 || text.indexOf("\u0000") >= 0;
  const clean = dirty ? text.replace(ESCAPES, "") : text;
  const raw = clean.split("\n");
  const out: LogLine[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i] ?? "";
    if (line.length > MAX_LINE) line = line.slice(0, MAX_LINE);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    out[i] = { text: stripPrefixes(line), no: i + 1 };
  }
  return reorderPstore(out);
}
