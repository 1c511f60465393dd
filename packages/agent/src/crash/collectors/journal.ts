import { parseKernelLog } from "@fleetdeck/crash";
import type { Logger } from "../../log";
import type { CommandRunner } from "../../runner/types";
import type { Found } from "../types";
import { previousJournalBoot } from "./journal-boots";

export const LIST_BOOTS = ["journalctl", "--list-boots", "-o", "json"];
export const PREVIOUS_BOOT_KERNEL_LOG = [
  "journalctl",
  "-k",
  "-b",
  "-1",
  "-o",
  "short-monotonic",
  "--no-pager",
];
/** A previous boot's kernel log is rarely over a few MiB; past this keep what came. */
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

/**
 * The previous boot's kernel log from a persistent journal (two boots or more listed).
 * It catches what kdump and pstore miss: an oops or a warning the boot survived, or a
 * panic journald still wrote down. Uploaded only when the log holds a report. Which boot
 * came before this one, and its log, no longer change while this boot runs: both are read
 * once (`--list-boots` can take seconds on a big journal), again only when `force`d.
 */
export class JournalCollector {
  private readFor: string | null = null;
  /** undefined: not asked yet (or journalctl failed); null: no previous boot. */
  private previous: string | null | undefined;

  constructor(
    private readonly runner: CommandRunner,
    private readonly log: Logger,
    /** Read this journal directory instead of the system journal. */
    private readonly directory = "",
  ) {}

  /** `journalctl …` on the configured journal. */
  private argv(base: readonly string[]): string[] {
    return this.directory
      ? [base[0] as string, `--directory=${this.directory}`, ...base.slice(1)]
      : [...base];
  }

  async collect(force: boolean): Promise<Found[]> {
    if (force || this.previous === undefined) {
      const boots = await this.runner.run(this.argv(LIST_BOOTS));
      if (boots.error !== null || boots.exitCode !== 0) return [];
      this.previous = previousJournalBoot(boots.stdout);
    }
    const bootId = this.previous;
    if (bootId === null || (!force && this.readFor === bootId)) return [];
    const run = await this.runner.run(this.argv(PREVIOUS_BOOT_KERNEL_LOG), {
      maxOutputBytes: MAX_OUTPUT_BYTES,
    });
    const cut = run.error?.endsWith("output exceeded the limit") ?? false;
    if ((run.error !== null && !cut) || (run.exitCode !== 0 && !cut)) {
      this.log.warn("cannot read the previous boot's kernel log", {
        error: run.error,
        exitCode: run.exitCode,
        stderr: run.stderr.slice(-500),
      });
      return [];
    }
    if (cut) this.log.warn("the previous boot's kernel log is cut", { bytes: MAX_OUTPUT_BYTES });
    this.readFor = bootId;
    const reports = parseKernelLog(run.stdout);
    if (reports.length === 0) return [];
    return [
      {
        source: "journal",
        origin: `journalctl -k -b -1 (boot ${bootId})`,
        text: run.stdout,
        bootId,
        localId: bootId,
        vmcore: null,
        removable: [],
        reports,
      },
    ];
  }

  /** A scan that failed after reading must read it again. */
  forget(): void {
    this.readFor = null;
  }
}
