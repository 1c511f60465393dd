import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second, the unit of /proc/<pid>/stat times (100 on every Linux we run). */
const TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Resident set size in bytes (VmRSS of /proc/<pid>/status), or NaN once the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields are counted after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Busy and total jiffies of the whole machine (first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const cpu = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * CPU use over a window, in cores (1.0 = one core busy): each watched process, and the
 * whole machine (the other work sharing these cores shows up there).
 */
export function cpuWindow(pids: Record<string, number[]>) {
  const started = performance.now();
  const machine = machineTicks();
  const before = new Map<string, Map<number, number>>();
  for (const [name, list] of Object.entries(pids))
    before.set(name, new Map(list.map((pid) => [pid, cpuSeconds(pid)])));
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const now = machineTicks();
    const cores: Record<string, number> = {
      machine: ((now.busy - machine.busy) / (now.total - machine.total)) * machineCores(),
    };
    for (const [name, list] of Object.entries(pids)) {
      let used = 0;
      const start = before.get(name) ?? new Map<number, number>();
      for (const pid of list) {
        const end = cpuSeconds(pid);
        const begin = start.get(pid) ?? Number.NaN;
        if (Number.isFinite(end) && Number.isFinite(begin)) used += end - begin;
      }
      cores[name] = used / seconds;
    }
    return cores;
  };
}

const machineCores = () =>
  readFileSync("/proc/stat", "utf8")
    .split("\n")
    .filter((l) => /^cpu\d+ /.test(l)).length;

/** Samples `read` every `everyMs` for `ms`, returning the samples. */
export async function sampleFor(
  ms: number,
  everyMs: number,
  read: () => number | Promise<number>,
): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    samples.push(await read());
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return samples;
}

/** Open descriptors of a process (its sockets, mostly). */
export function openFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
}

/**
 * Connections the kernel dropped because a listening socket's accept queue was full, on
 * the whole machine (TcpExt ListenOverflows): a server that falls behind accepting.
 */
export function listenOverflows(): number {
  const lines = readFileSync("/proc/net/netstat", "utf8").split("\n");
  const header = lines.find((l) => l.startsWith("TcpExt:"))?.split(" ") ?? [];
  const values = lines.filter((l) => l.startsWith("TcpExt:"))[1]?.split(" ") ?? [];
  return Number(values[header.indexOf("ListenOverflows")]);
}

/** Packets the kernel dropped because a CPU's input backlog was full (all CPUs, /proc/net/softnet_stat). */
export function softnetDrops(): number {
  return readFileSync("/proc/net/softnet_stat", "utf8")
    .trim()
    .split("\n")
    .reduce((sum, line) => sum + Number.parseInt(line.split(" ")[1] ?? "0", 16), 0);
}
