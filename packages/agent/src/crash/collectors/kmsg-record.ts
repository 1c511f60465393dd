/** One /dev/kmsg record: `prio,seq,ts_usec,flags[,…];text`. */
export interface KmsgRecord {
  seq: number;
  usec: number;
  text: string;
}

const RECORD = /^(\d{1,10}),(\d{1,20}),(\d{1,20}),[^;]{0,64};(.*)$/;

/**
 * Null for dictionary continuation lines (` SUBSYSTEM=…`) and anything else that is not
 * a record. The kernel escapes control and non-ASCII bytes as `\xHH` (a message's own
 * newlines too); they are turned back into UTF-8 text.
 */
export function parseKmsgRecord(line: string): KmsgRecord | null {
  const m = line.match(RECORD);
  if (!m) return null;
  return { seq: Number(m[2]), usec: Number(m[3]), text: unescapeKmsg(m[4] ?? "") };
}

/** `line` arrives as latin1 (one char per byte), so escaped and raw bytes join up as UTF-8. */
export function unescapeKmsg(latin1: string): string {
  const bytes = latin1.includes("\\x")
    ? latin1.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
    : latin1;
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** `[   12.345678] text`, the dmesg form every parser reads; one line per embedded newline. */
export function renderRecord(record: KmsgRecord): string[] {
  const seconds = Math.floor(record.usec / 1_000_000);
  const micros = String(record.usec % 1_000_000).padStart(6, "0");
  const stamp = `[${String(seconds).padStart(5)}.${micros}]`;
  return record.text
    .replace(/\n+$/, "")
    .split("\n")
    .map((text) => `${stamp} ${text}`);
}
