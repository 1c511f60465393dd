import type { LogLine } from "./lines";

const HEADER = /^(Oops|Panic|Emergency|Restart|Halt|Poweroff|Unknown)#(\d{1,9}) Part(\d{1,6})$/;

interface Part {
  record: string;
  part: number;
  lines: LogLine[];
}

/**
 * pstore splits one kmsg dump into parts; Part1 holds the newest text, so a record reads
 * from the highest part down to Part1. Files are often concatenated in name order (Part1
 * first), so parts are re-sorted per record. Lines outside any part keep their place.
 */
export function reorderPstore(lines: LogLine[]): LogLine[] {
  let first = -1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]?.text ?? "";
    if (t.length < 20 && t.includes("#") && HEADER.test(t)) {
      first = i;
      break;
    }
  }
  if (first < 0) return lines;
  const out = lines.slice(0, first);
  const parts: Part[] = [];
  let current: Part | null = null;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const m = line.text.length < 20 ? HEADER.exec(line.text) : null;
    if (m) {
      current = { record: `${m[1]}#${m[2]}`, part: Number(m[3]), lines: [] };
      parts.push(current);
    } else {
      current?.lines.push(line);
    }
  }
  const byRecord = new Map<string, Part[]>();
  for (const p of parts) {
    const list = byRecord.get(p.record);
    if (list) list.push(p);
    else byRecord.set(p.record, [p]);
  }
  for (const list of byRecord.values()) {
    list.sort((a, b) => b.part - a.part);
    for (const p of list) {
      // A part read from its own file ends with a newline; kept, it would split the trace.
      while (p.lines.length > 0 && p.lines[p.lines.length - 1]?.text === "") p.lines.pop();
      for (const line of p.lines) out.push(line);
    }
  }
  return out;
}
