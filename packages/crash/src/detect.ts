import { isContextLine } from "./context";
import { isTraceStart } from "./frames";
import type { LogLine } from "./lines";
import { type Hit, roleOf } from "./trigger";
import { matchTrigger } from "./triggers";

/** One report's place in the normalised lines (indexes, not line numbers). */
export interface Segment {
  /** The trigger that decided the kind (a specific one wins over the generic banner). */
  hit: Hit;
  /** Index of that trigger's line. */
  at: number;
  start: number;
  /** Inclusive. */
  end: number;
  /** Fields come from [start, fieldsEnd): a panic tail caused by the report is left out. */
  fieldsEnd: number;
  /** A CPU line, an instruction pointer or a call trace was seen. */
  evidence: boolean;
}

interface Open extends Segment {
  opened: number;
  traceSeen: boolean;
  gap: number;
  lastContent: number;
}

const END_MARKER = /^---\[ end (?:trace|Kernel panic)/;
const SEPARATOR = /^={20,400}\s{0,4}$/;
const CUT_HERE = /^-{5,40}\[ cut here \]-{5,40}\s{0,4}$/;
const SEPARATED_KINDS = new Set(["kasan", "kfence", "ubsan", "slab"]);
/** How many header lines may pass before a report's trace, and after it without context. */
const HEADER_LINES = 40;
const GAP_BEFORE_TRACE = 100;
const GAP_AFTER_TRACE = 20;
/** The OOM report prints memory and task tables between its trace and the kill line. */
const GAP_OOM = 20000;
/** A consequence panic this close to the end of a report belongs to it. */
const CONSEQUENCE_DISTANCE = 60;

function begin(hit: Hit, i: number, lines: LogLine[], floor: number): Open {
  let start = i;
  for (let j = i - 1; j > floor && j >= i - 3; j--) {
    const t = lines[j]?.text ?? "";
    if (CUT_HERE.test(t) || SEPARATOR.test(t)) start = j;
  }
  return {
    hit,
    at: i,
    start,
    end: i,
    fieldsEnd: -1,
    evidence: false,
    opened: i,
    traceSeen: false,
    gap: 0,
    lastContent: i,
  };
}

function inHeader(open: Open, i: number): boolean {
  return !open.traceSeen && open.fieldsEnd < 0 && i - open.opened <= HEADER_LINES;
}

/** Whether a trigger inside an open report belongs to it; upgrades the kind when due. */
function absorb(open: Open, hit: Hit, i: number): boolean {
  const role = roleOf(hit.trigger);
  if (role === "closer" && open.hit.trigger.kind === "oom-kill") return true;
  if (role === "consequence") {
    if (open.traceSeen && open.fieldsEnd < 0) open.fieldsEnd = i;
    return open.traceSeen || inHeader(open, i);
  }
  if (!inHeader(open, i)) return false;
  if (role === "generic" || role === "weak") return true;
  if (roleOf(open.hit.trigger) !== "generic") return false;
  open.hit = hit;
  open.at = i;
  return true;
}

function gapLimit(open: Open): number {
  if (open.hit.trigger.kind === "oom-kill") return GAP_OOM;
  return open.traceSeen ? GAP_AFTER_TRACE : GAP_BEFORE_TRACE;
}

/** Feeds one non-trigger line to the open report; false once the report has ended. */
function advance(open: Open, t: string, i: number): boolean {
  if (END_MARKER.test(t)) {
    open.lastContent = i;
    return false;
  }
  if (open.traceSeen && SEPARATED_KINDS.has(open.hit.trigger.kind) && SEPARATOR.test(t)) {
    open.lastContent = i;
    return false;
  }
  if (isTraceStart(t)) {
    open.traceSeen = true;
    open.evidence = true;
  }
  if (isContextLine(t)) {
    if (t.startsWith("CPU: ") || t.startsWith("RIP: ")) open.evidence = true;
    open.lastContent = i;
    open.gap = 0;
    return true;
  }
  open.gap++;
  return open.gap <= gapLimit(open);
}

function finish(open: Open, segments: Segment[]): void {
  const end = open.lastContent;
  const fieldsEnd = open.fieldsEnd < 0 ? end + 1 : open.fieldsEnd;
  const { hit, at, start, evidence } = open;
  if (roleOf(hit.trigger) === "weak" && !evidence) return;
  segments.push({ hit, at, start, end, fieldsEnd, evidence });
}

/** Finds where reports start and end; one pass, line by line. */
export function findSegments(lines: LogLine[]): Segment[] {
  const segments: Segment[] = [];
  let open: Open | null = null;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]?.text ?? "";
    const hit = matchTrigger(t);
    if (open) {
      if (!hit) {
        if (!advance(open, t, i)) {
          finish(open, segments);
          open = null;
        }
        continue;
      }
      if (absorb(open, hit, i)) {
        open.lastContent = i;
        open.gap = 0;
        if (roleOf(hit.trigger) === "closer") {
          finish(open, segments);
          open = null;
        }
        continue;
      }
      finish(open, segments);
      open = null;
    }
    if (!hit) continue;
    const prev = segments[segments.length - 1];
    if (roleOf(hit.trigger) === "consequence" && prev && i - prev.end <= CONSEQUENCE_DISTANCE) {
      segments.pop();
      open = { ...prev, opened: prev.at, traceSeen: true, gap: 0, lastContent: i };
      continue;
    }
    open = begin(hit, i, lines, prev?.end ?? -1);
  }
  if (open) finish(open, segments);
  return segments;
}
