import { join } from "node:path";
import { PACKAGE_DIR } from "../../testing/fixtures";

const CRASH_FIXTURES = join(PACKAGE_DIR, "fixtures", "crash");
export const KDUMP_FIXTURE = join(CRASH_FIXTURES, "kdump");
export const PSTORE_FIXTURE = join(CRASH_FIXTURES, "pstore");
export const JOURNAL_FIXTURE = join(CRASH_FIXTURES, "journal");
export const KMSG_FIXTURE = join(CRASH_FIXTURES, "kmsg", "kmsg");

/** The boot that crashed and the one after it, as /proc and journalctl spell them. */
export const PREVIOUS_BOOT = "0b9a6a3c-2a0e-4a55-9d7e-0e6f4a1b2c3d";
export const CURRENT_BOOT = "7d2f8e41-5c6b-4f0a-8b1c-9a8e7f6d5c4b";
export const REVISION_EARLY = "4f1c2b3a-9d8e-4c7b-a6f5-e4d3c2b1a091";
export const REVISION_AT_CRASH = "c0ffee00-1234-4abc-9def-0123456789ab";
export const REVISION_NOW = "a11ce000-5678-4def-8abc-ba9876543210";

/** `journalctl --list-boots -o json` of a host with a persistent journal. */
export function listBootsJson(previous = PREVIOUS_BOOT, current = CURRENT_BOOT): string {
  const hex = (id: string) => id.replaceAll("-", "");
  return JSON.stringify([
    {
      index: -1,
      boot_id: hex(previous),
      first_entry: 1714550000000000,
      last_entry: 1714553000000000,
    },
    {
      index: 0,
      boot_id: hex(current),
      first_entry: 1714553100000000,
      last_entry: 1714556000000000,
    },
  ]);
}

/** applied/history.jsonl as the tc code writes it: the crashed boot ended on REVISION_AT_CRASH. */
export function historyJsonl(): string {
  const line = (bootId: string, revisionId: string, at: number) =>
    JSON.stringify({ bootId, revisionId, hash: `h-${revisionId.slice(0, 8)}`, at });
  return [
    line(PREVIOUS_BOOT, REVISION_EARLY, 1714550100000),
    line(PREVIOUS_BOOT, REVISION_AT_CRASH, 1714551000000),
    line(CURRENT_BOOT, REVISION_NOW, 1714553200000),
    "",
  ].join("\n");
}
