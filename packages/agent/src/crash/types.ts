import type { CrashReport } from "@fleetdeck/crash";
import type { CRASH_SOURCES } from "@fleetdeck/protocol";

export type CrashSource = (typeof CRASH_SOURCES)[number];

export interface Vmcore {
  path: string;
  bytes: number;
}

/** A crash log as a collector found it, before boot attribution and dedupe. */
export interface Found {
  source: CrashSource;
  /** Where it was found (a file, a record, a kmsg range): shown to people, and the memo key. */
  origin: string;
  text: string;
  /** Known for journal -b -1 and kmsg; null means "the boot before this one, if known". */
  bootId: string | null;
  /** Names the crashed boot when it is unknown: the dump directory or the record id. */
  localId: string;
  vmcore: Vmcore | null;
  /** Files that may go once the server has the report (pstore records, with pstoreDelete). */
  removable: string[];
  /** Already parsed by the collector (the journal parses to decide), saving a second parse. */
  reports?: CrashReport[];
}
