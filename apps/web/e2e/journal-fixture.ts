import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const JOURNAL_REMOTE = "/lib/systemd/systemd-journal-remote";

/**
 * A real systemd journal directory holding kernel messages of the given boots, written by
 * Debian's systemd-journal-remote from journal export format: what `journalctl
 * --directory` reads on a host whose journal persists. `text` is `journalctl -k -o
 * short-monotonic` output ("[    1.234567] host kernel: message").
 */
export async function writeKernelJournal(
  dir: string,
  boots: { bootId: string; text: string }[],
): Promise<void> {
  if (!existsSync(JOURNAL_REMOTE))
    throw new Error(`${JOURNAL_REMOTE} is missing: apt-get install systemd-journal-remote`);
  mkdirSync(dir, { recursive: true });
  const machineId = randomUUID().replaceAll("-", "");
  let realtime = Date.now() * 1000 - boots.length * 3600e6;
  const entries: string[] = [];
  for (const boot of boots) {
    for (const line of boot.text.split("\n")) {
      const m = /^\[\s*(\d+)\.(\d+)\] (\S+) kernel: (.*)$/.exec(line);
      if (!m) continue;
      const monotonic = Number(m[1]) * 1e6 + Number((m[2] as string).padEnd(6, "0").slice(0, 6));
      realtime += 1;
      entries.push(
        [
          `__REALTIME_TIMESTAMP=${realtime}`,
          `__MONOTONIC_TIMESTAMP=${monotonic}`,
          `_BOOT_ID=${boot.bootId.replaceAll("-", "")}`,
          `_MACHINE_ID=${machineId}`,
          `_HOSTNAME=${m[3]}`,
          "_TRANSPORT=kernel",
          "SYSLOG_IDENTIFIER=kernel",
          "PRIORITY=4",
          `MESSAGE=${m[4]}`,
        ].join("\n"),
      );
    }
    realtime += 60e6;
  }
  const exportFile = path.join(dir, "..", `${path.basename(dir)}.export`);
  writeFileSync(exportFile, `${entries.join("\n\n")}\n\n`);
  await run(JOURNAL_REMOTE, [`--output=${path.join(dir, "remote.journal")}`, exportFile]);
}
