import type { Taint } from "./schema";
import { parseTaintAndRelease } from "./taint";

/** What the `CPU: … Comm: … Tainted: …`, `Hardware name:` and `Modules linked in:` lines say. */
export interface TaskInfo {
  cpu: number | null;
  pid: number | null;
  comm: string | null;
  taint: Taint | null;
  kernel: string | null;
  hardware: string | null;
  modules: string[] | null;
}

export function emptyTaskInfo(): TaskInfo {
  return {
    cpu: null,
    pid: null,
    comm: null,
    taint: null,
    kernel: null,
    hardware: null,
    modules: null,
  };
}

const CPU_LINE = /^CPU: (\d{1,5}) (?:UID: \d{1,10} )?PID: (\d{1,10}) Comm: /;
const OLD_PID_LINE = /^Pid: (\d{1,10}), comm: /;
const PAREN_RELEASE = /\((\d[\w.+~-]{0,100})\)\s{0,4}$/;

function commBefore(rest: string): string {
  let end = rest.length;
  for (const marker of [" Not tainted", " Tainted: ", " Kdump: "]) {
    const at = rest.indexOf(marker);
    if (at >= 0 && at < end) end = at;
  }
  return rest.slice(0, end).trim();
}

function takeTaint(info: TaskInfo, text: string): void {
  if (info.taint) return;
  const parsed = parseTaintAndRelease(text);
  if (!parsed) return;
  info.taint = parsed.taint;
  info.kernel ??= parsed.release ?? PAREN_RELEASE.exec(text)?.[1] ?? null;
}

function parseModules(text: string): string[] {
  const names: string[] = [];
  for (const word of text.split(/\s+/)) {
    if (word.startsWith("[")) break;
    const name = word.replace(/\(.*$/, "");
    if (name) names.push(name);
  }
  return names;
}

/** Reads one line into `info` when it is a task, hardware or modules line. */
export function readTaskLine(info: TaskInfo, t: string): boolean {
  const cpu = info.pid === null ? (CPU_LINE.exec(t) ?? OLD_PID_LINE.exec(t)) : null;
  if (cpu) {
    const old = cpu[0].startsWith("Pid");
    const rest = t.slice(cpu[0].length);
    info.cpu = old ? null : Number(cpu[1]);
    info.pid = Number(old ? cpu[1] : cpu[2]);
    info.comm = commBefore(rest);
    takeTaint(info, rest);
    return true;
  }
  if (t.startsWith("Hardware name: ")) {
    info.hardware ??= t.slice(15).trim();
    return true;
  }
  if (t.startsWith("Modules linked in:")) {
    info.modules ??= parseModules(t.slice(18));
    return true;
  }
  const trimmed = t.trimStart();
  if (
    trimmed.startsWith("Tainted: ") ||
    trimmed.startsWith("Not tainted") ||
    t.startsWith("REGS: ")
  ) {
    takeTaint(info, t);
    return true;
  }
  return false;
}
