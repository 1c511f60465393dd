import { findSegments } from "./detect";
import { normalizeLog } from "./lines";
import { buildReport } from "./report";
import type { CrashReport } from "./schema";

const LINUX_VERSION = /^Linux version (\S{1,100})/;

/** Parses any host's kernel log into its crash reports, in log order. Never throws on input. */
export function parseKernelLog(text: string): CrashReport[] {
  const lines = normalizeLog(text);
  const segments = findSegments(lines);
  if (segments.length === 0) return [];
  const reports: CrashReport[] = [];
  let release: string | null = null;
  let scanned = 0;
  for (const seg of segments) {
    // The boot banner names the release when a report's own lines do not.
    for (; scanned < seg.start; scanned++) {
      const t = lines[scanned]?.text ?? "";
      if (t.charCodeAt(0) === 0x4c && t.startsWith("Linux version ")) {
        release = LINUX_VERSION.exec(t)?.[1] ?? release;
      }
    }
    reports.push(buildReport(lines, seg, release));
  }
  return reports;
}
