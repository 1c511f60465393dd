import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseKernelLog } from "@fleetdeck/crash";
import { listDir } from "../../facts/read";
import type { Found } from "../types";
import { assembleRecords, type PstorePart, parsePart, RECORD_FILE } from "./pstore-parts";

/** Dumps for these reasons are crashes; Restart/Halt/Poweroff dumps only when they hold one. */
const CRASH_REASONS = new Set(["Oops", "Panic"]);

/** pstore's `dmesg-efi-*`, `dmesg-ramoops-*`, `dmesg-erst-*` records, reassembled. */
export async function collectPstore(dir: string): Promise<Found[]> {
  const parts: PstorePart[] = [];
  for (const name of await listDir(dir)) {
    if (!RECORD_FILE.test(name)) continue;
    const path = join(dir, name);
    const [content, info] = await Promise.all([
      readFile(path, "utf8").catch(() => null),
      stat(path).catch(() => null),
    ]);
    const part = content === null ? null : parsePart(name, content, info?.mtimeMs ?? 0);
    if (part) parts.push(part);
  }
  const found: Found[] = [];
  for (const record of assembleRecords(parts)) {
    const first = record.names[0];
    if (!first || record.text.trim() === "") continue;
    const crash = record.reason === null || CRASH_REASONS.has(record.reason);
    const reports = crash ? undefined : parseKernelLog(record.text);
    if (reports?.length === 0) continue;
    const more = record.names.length - 1;
    found.push({
      source: "pstore",
      origin: `${join(dir, first)}${more > 0 ? ` (+${more} parts)` : ""}`,
      text: record.text,
      bootId: null,
      localId: first,
      vmcore: null,
      removable: record.names.map((n) => join(dir, n)),
      ...(reports ? { reports } : {}),
    });
  }
  return found;
}
