import type { Segment } from "./detect";
import { extract } from "./extract";
import { findGuilty } from "./guilty";
import { ipFrame } from "./ip";
import { kindRules } from "./kinds";
import type { LogLine } from "./lines";
import type { CrashReport } from "./schema";
import { computeSignature } from "./signature";
import { findSymbol } from "./symbol";

function lineRange(lines: LogLine[], seg: Segment): CrashReport["lines"] {
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  // pstore parts are reordered, so input line numbers need not rise with the index.
  for (let i = seg.start; i <= seg.end; i++) {
    const no = lines[i]?.no ?? 0;
    if (no < start) start = no;
    if (no > end) end = no;
  }
  return { start: Number.isFinite(start) ? start : end, end };
}

/** Builds one report from its segment; `kernel` is the release announced at boot, if any. */
export function buildReport(
  lines: LogLine[],
  seg: Segment,
  bootRelease: string | null,
): CrashReport {
  const { trigger, match } = seg.hit;
  const kind = trigger.kind;
  const rules = kindRules(kind);
  const headlineText = lines[seg.at]?.text ?? "";
  const x = extract(lines, seg);
  const headlineFrame = trigger.symbolInLine ? findSymbol(headlineText) : null;
  const guilty = findGuilty(kind, headlineFrame, x.ip?.frame ?? null, x.frames);
  const corrupted = guilty.raised === null && !rules.functionOptional;
  const corruptedReason = corrupted
    ? x.frames.length === 0 && x.ip === null
      ? "no instruction pointer and no call trace"
      : "no reliable frame outside reporting helpers"
    : null;
  let headline = trigger.headline(match);
  if (x.qualifier) headline = `${headline} ${x.qualifier}`;
  const blamed = rules.noFunctionInTitle ? null : (guilty.blamed?.function ?? null);
  const title = blamed ? `${headline} in ${blamed}` : headline;
  const canonical = trigger.canonical ?? headline;
  const task = trigger.task?.(match) ?? null;
  return {
    kind,
    title,
    headline: headlineText,
    function: guilty.raised?.function ?? null,
    module: guilty.raised ? (guilty.raised.module ?? "-") : null,
    blamedFunction: guilty.blamed?.function ?? null,
    blamedModule: guilty.blamed ? (guilty.blamed.module ?? "-") : null,
    rip: x.ip ? ipFrame(x.ip) : null,
    frames: x.frames,
    registers: x.registers,
    kernel: x.kernel ?? bootRelease,
    taint: x.taint,
    comm: x.comm ?? (task?.comm || null),
    pid: x.pid ?? task?.pid ?? null,
    cpu: x.cpu,
    hardware: x.hardware,
    modules: x.modules,
    lines: lineRange(lines, seg),
    corrupted,
    corruptedReason,
    signature: computeSignature({
      canonical,
      blamed,
      path: guilty.path,
      corrupted,
    }),
  };
}
