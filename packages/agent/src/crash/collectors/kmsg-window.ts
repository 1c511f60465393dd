import { type CrashReport, parseKernelLog } from "@fleetdeck/crash";
import type { KmsgRecord } from "./kmsg-record";
import { renderRecord } from "./kmsg-record";

interface Line {
  seq: number;
  text: string;
}

export interface KmsgReport {
  text: string;
  firstSeq: number;
  lastSeq: number;
}

const END_MARKER = /^\[[ \d.]+\] ---\[ end (?:trace|Kernel panic)/;
const OOM_KILL = /Killed process \d+/;
/** Past a report's last line this many lines of other text mean it is over. */
const LINES_AFTER = 100;
/** Kept before the next report can start (its `cut here` line comes just before it). */
const KEEP_LINES = 200;
/** A report never completing (an endless OOM table) must not grow the window forever. */
const MAX_LINES = 20_000;

/**
 * The live kernel log as a rolling window. Each look parses the window with the same
 * parser the server uses and hands out the reports that are complete: one ended by its
 * end marker or the OOM kill line, one followed by another report or by enough other
 * lines, or any report once the log has been quiet a while. A report is handed out once.
 */
export class KmsgWindow {
  private lines: Line[] = [];
  private handedThrough = -1;
  private lastArrival = 0;
  private dirty = false;
  private waiting = false;

  push(record: KmsgRecord, now: number): void {
    if (record.seq <= this.handedThrough) return;
    for (const text of renderRecord(record)) this.lines.push({ seq: record.seq, text });
    this.lastArrival = now;
    this.dirty = true;
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
  }

  get size(): number {
    return this.lines.length;
  }

  take(now: number, quietMs: number): KmsgReport[] {
    const quiet = now - this.lastArrival >= quietMs;
    if (!this.dirty && !(this.waiting && quiet)) return [];
    this.dirty = false;
    const reports = parseKernelLog(this.lines.map((l) => l.text).join("\n"));
    const out: KmsgReport[] = [];
    let keepFrom = Math.max(0, this.lines.length - KEEP_LINES);
    this.waiting = false;
    for (const [i, report] of reports.entries()) {
      const start = report.lines.start - 1;
      const end = report.lines.end - 1;
      const first = this.lines[start];
      const last = this.lines[end];
      if (!first || !last || first.seq <= this.handedThrough) continue;
      if (!(i < reports.length - 1 || quiet || this.ended(report, end))) {
        this.waiting = true;
        keepFrom = Math.min(keepFrom, Math.max(0, start - 5));
        break;
      }
      const text = this.lines.slice(start, end + 1).map((l) => l.text);
      out.push({ text: `${text.join("\n")}\n`, firstSeq: first.seq, lastSeq: last.seq });
      this.handedThrough = last.seq;
    }
    this.lines.splice(0, keepFrom);
    return out;
  }

  private ended(report: CrashReport, end: number): boolean {
    const line = this.lines[end]?.text ?? "";
    if (END_MARKER.test(line)) return true;
    if (report.kind === "oom-kill") return OOM_KILL.test(line);
    return this.lines.length - 1 - end >= LINES_AFTER;
  }
}
