/** One `dmesg-<backend>-<id>` file: a part of one kmsg dump. */
export interface PstorePart {
  name: string;
  backend: string;
  /** `Oops`, `Panic`…; null when the file has no `<Reason>#<n> Part<m>` header. */
  reason: string | null;
  count: number;
  part: number;
  body: string;
  mtimeMs: number;
}

export interface PstoreRecord {
  reason: string | null;
  /** File names, sorted. */
  names: string[];
  /** The parts' text, oldest first, headers removed. */
  text: string;
}

export const RECORD_FILE = /^dmesg-([a-z0-9_]+)-(\d+)$/;
const HEADER = /^(Oops|Panic|Emergency|Restart|Halt|Poweroff|Unknown)#(\d{1,9}) Part(\d{1,6})\r?$/;

export function parsePart(name: string, content: string, mtimeMs: number): PstorePart | null {
  const backend = name.match(RECORD_FILE)?.[1];
  if (!backend) return null;
  const newline = content.indexOf("\n");
  const first = newline < 0 ? content : content.slice(0, newline);
  const m = first.match(HEADER);
  if (!m) return { name, backend, reason: null, count: 0, part: 1, body: content, mtimeMs };
  const body = newline < 0 ? "" : content.slice(newline + 1);
  return {
    name,
    backend,
    reason: m[1] ?? null,
    count: Number(m[2]),
    part: Number(m[3]),
    body,
    mtimeMs,
  };
}

/**
 * Parts of one dump share backend, reason and count (`Oops#1`). A dump is split into parts
 * newest first, so Part1 holds the end of the log: a record reads from its highest part
 * down to Part1. The count restarts every boot, so when records of two boots are both
 * still there (no pstoreDelete), a part number seen twice starts the next record.
 */
export function assembleRecords(parts: PstorePart[]): PstoreRecord[] {
  const groups = new Map<string, PstorePart[]>();
  for (const p of parts) {
    const key =
      p.reason === null ? `${p.backend}\0${p.name}` : `${p.backend}\0${p.reason}#${p.count}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const records: PstoreRecord[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
    let current: PstorePart[] = [];
    for (const p of group) {
      if (current.some((c) => c.part === p.part)) {
        records.push(recordOf(current));
        current = [];
      }
      current.push(p);
    }
    if (current.length > 0) records.push(recordOf(current));
  }
  return records.sort((a, b) => (a.names[0] ?? "").localeCompare(b.names[0] ?? ""));
}

function recordOf(parts: PstorePart[]): PstoreRecord {
  const ordered = [...parts].sort((a, b) => b.part - a.part);
  // Each part read from its own file ends with a newline (or NUL padding): kept, it
  // would cut a trace in two.
  const text = ordered.map((p) => p.body.replace(/[\s\0]+$/, "")).join("\n");
  return {
    reason: parts[0]?.reason ?? null,
    names: parts.map((p) => p.name).sort(),
    text: `${text}\n`,
  };
}
