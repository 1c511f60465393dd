import { stat } from "node:fs/promises";
import { join } from "node:path";
import { listDir } from "../../facts/read";
import type { Found, Vmcore } from "../types";
import { readTail } from "./read-tail";

/** kdump logs are a few hundred KiB; anything past this is not a kernel log any more. */
const MAX_LOG_BYTES = 16 * 1024 * 1024;

export interface KdumpDump {
  /** The dump's directory name: `127.0.0.1-2024-05-01-10:22:03` (RHEL) or `202405011022` (Debian). */
  name: string;
  log: string;
  vmcore: Vmcore | null;
}

/**
 * RHEL/Fedora write `<host>-<date>/vmcore-dmesg.txt` beside `vmcore`; Debian/Ubuntu's
 * kdump-tools `<stamp>/dmesg.<stamp>` beside `dump.<stamp>`. Directory names vary with
 * kdump.conf, so any subdirectory holding either log counts. A dump still being written
 * (`vmcore-incomplete`, `dump-incomplete`) has no vmcore yet.
 */
export async function findKdumps(root: string): Promise<KdumpDump[]> {
  const dumps: KdumpDump[] = [];
  for (const name of await listDir(root)) {
    const dir = join(root, name);
    const rhel = join(dir, "vmcore-dmesg.txt");
    const debian = join(dir, `dmesg.${name}`);
    const log = (await isFile(rhel)) ? rhel : (await isFile(debian)) ? debian : null;
    if (!log) continue;
    const vmcore =
      (await vmcoreAt(join(dir, "vmcore"))) ?? (await vmcoreAt(join(dir, `dump.${name}`)));
    dumps.push({ name, log, vmcore });
  }
  return dumps;
}

export async function collectKdump(root: string): Promise<Found[]> {
  const found: Found[] = [];
  for (const dump of await findKdumps(root)) {
    const text = await readTail(dump.log, MAX_LOG_BYTES);
    if (text === null || text.trim() === "") continue;
    found.push({
      source: "kdump",
      origin: dump.log,
      text,
      bootId: null,
      localId: dump.name,
      vmcore: dump.vmcore,
      removable: [],
    });
  }
  return found;
}

async function isFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ?? false;
}

async function vmcoreAt(path: string): Promise<Vmcore | null> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() && info.size > 0 ? { path, bytes: info.size } : null;
}
