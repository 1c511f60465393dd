import os from "node:os";
import { join } from "node:path";
import type { HostFacts } from "@fleetdeck/protocol";
import { clip, listDir, readText, readTrimmed } from "./read";

export interface FactRoots {
  procRoot: string;
  sysRoot: string;
  machineIdPath: string;
  pstoreDir: string;
}

export async function readHostname(roots: FactRoots, override?: string): Promise<string> {
  if (override) return clip(override, 255);
  const name = await readTrimmed(join(roots.procRoot, "sys", "kernel", "hostname"));
  return clip(name ?? os.hostname(), 255);
}

export async function readKernel(roots: FactRoots): Promise<{ release: string; version: string }> {
  const kernel = join(roots.procRoot, "sys", "kernel");
  const [release, version] = await Promise.all([
    readTrimmed(join(kernel, "osrelease")),
    readTrimmed(join(kernel, "version")),
  ]);
  return {
    release: clip(release ?? os.release(), 128),
    version: clip(version ?? os.version(), 256),
  };
}

/** `/sys/devices/system/cpu/online` is a range list (`0-3,8-11`). */
export function countCpuList(list: string): number {
  let count = 0;
  for (const part of list.trim().split(",")) {
    const [from, to] = part.split("-").map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    count += to === undefined || Number.isNaN(to) ? 1 : to - from + 1;
  }
  return count;
}

export async function readCpus(roots: FactRoots): Promise<number> {
  const online = await readTrimmed(join(roots.sysRoot, "devices", "system", "cpu", "online"));
  return online === null ? os.cpus().length : countCpuList(online);
}

export async function readMemoryBytes(roots: FactRoots): Promise<number> {
  const meminfo = (await readText(join(roots.procRoot, "meminfo"))) ?? "";
  const kb = meminfo.match(/^MemTotal:\s+(\d+)\s+kB/m)?.[1];
  return kb === undefined ? os.totalmem() : Number(kb) * 1024;
}

export async function readUptimeSeconds(roots: FactRoots): Promise<number> {
  const text = await readTrimmed(join(roots.procRoot, "uptime"));
  const first = Number(text?.split(/\s+/)[0]);
  return text !== null && Number.isFinite(first) && first >= 0 ? first : os.uptime();
}

export async function readBootId(roots: FactRoots): Promise<string> {
  const id = await readTrimmed(join(roots.procRoot, "sys", "kernel", "random", "boot_id"));
  return clip(id ?? "", 64);
}

export async function readMachineId(roots: FactRoots): Promise<string> {
  return clip((await readTrimmed(roots.machineIdPath)) ?? "", 64);
}

export async function readKdump(roots: FactRoots): Promise<HostFacts["kdump"]> {
  const [loaded, cmdline] = await Promise.all([
    readTrimmed(join(roots.sysRoot, "kernel", "kexec_crash_loaded")),
    readText(join(roots.procRoot, "cmdline")),
  ]);
  const crashkernel = cmdline?.match(/(?:^|\s)crashkernel=(\S+)/)?.[1] ?? null;
  return { armed: loaded === "1", crashkernel: crashkernel && clip(crashkernel, 128) };
}

/**
 * The pstore backend: the module parameter when readable, else the name pstore gives its
 * records (`dmesg-efi-1700000000`, `dmesg-ramoops-0`), else null.
 */
export async function readPstoreBackend(roots: FactRoots): Promise<string | null> {
  const param = await readTrimmed(join(roots.sysRoot, "module", "pstore", "parameters", "backend"));
  if (param && param !== "(null)") return clip(param, 64);
  for (const name of await listDir(roots.pstoreDir)) {
    const backend = name.match(/^[a-z]+-([a-z_]+)-\d+/)?.[1];
    if (backend) return clip(backend, 64);
  }
  return null;
}
