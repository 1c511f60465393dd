import type { Segment } from "./detect";
import { isTraceMarker, isTraceStart, parseFrameLine } from "./frames";
import { emptyTaskInfo, readTaskLine, type TaskInfo } from "./header";
import { type IpLine, ipFrame, parseIpLine } from "./ip";
import type { LogLine } from "./lines";
import { isRegisterLine, parseRegisterLine } from "./registers";
import type { Frame } from "./schema";

export interface Extracted extends TaskInfo {
  /** The kernel-mode instruction pointer printed before the trace. */
  ip: IpLine | null;
  frames: Frame[];
  registers: Record<string, string>;
  qualifier: string | null;
}

type State = "header" | "trace" | "after";

function frameText(f: Frame): string {
  if (!f.symbol) return f.address ?? "?";
  const at = `${f.symbol}+${f.offset}/${f.size}`;
  return f.module ? `${at} [${f.module}]` : at;
}

/** Reads the fields of one report; the first CPU line, IP, register block and trace win. */
export function extract(lines: LogLine[], seg: Segment): Extracted {
  const info = emptyTaskInfo();
  const frames: Frame[] = [];
  // riscv and some vendor kernels print frames with no "Call Trace:" header above them.
  const looseFrames: Frame[] = [];
  let traced = false;
  const registers: Record<string, string> = {};
  const qualify = seg.hit.trigger.qualify;
  let ip: IpLine | null = null;
  let qualifier: string | null = null;
  let state: State = "header";
  for (let i = seg.start; i < seg.fieldsEnd; i++) {
    const t = lines[i]?.text ?? "";
    if (state === "trace") {
      const frame = parseFrameLine(t);
      if (frame) {
        frames.push(frame);
        continue;
      }
      // An exception inside the trace (OOM's page fault, a stall's IRQ) prints its RIP.
      const inner = parseIpLine(t);
      if (inner) {
        if (inner.role === "ip" && !inner.user) frames.push(ipFrame(inner));
        continue;
      }
      if (isTraceMarker(t) || isRegisterLine(t)) continue;
      state = "after";
    }
    if (readTaskLine(info, t)) continue;
    if (state !== "header") continue;
    if (isTraceStart(t)) {
      state = "trace";
      traced = true;
      continue;
    }
    const found = parseIpLine(t);
    if (found) {
      if (found.role === "lr") registers.lr ??= frameText(ipFrame(found));
      else if (!found.user && (ip === null || (ip.frame === null && found.frame))) ip = found;
      continue;
    }
    if (parseRegisterLine(t, registers)) continue;
    const loose = parseFrameLine(t);
    if (loose) {
      looseFrames.push(loose);
      continue;
    }
    if (qualify && qualifier === null) qualifier = qualify.exec(t)?.[1] ?? null;
  }
  return { ...info, ip, frames: traced ? frames : looseFrames, registers, qualifier };
}
