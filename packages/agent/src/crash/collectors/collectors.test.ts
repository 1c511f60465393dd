import { readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseKernelLog } from "@fleetdeck/crash";
import { describe, expect, test } from "vitest";
import { silentLogger } from "../../log";
import { recordingRunner } from "../../runner/recording";
import { tempDir } from "../../testing/fixtures";
import {
  CURRENT_BOOT,
  JOURNAL_FIXTURE,
  KDUMP_FIXTURE,
  listBootsJson,
  PREVIOUS_BOOT,
  PSTORE_FIXTURE,
} from "../testing/fixtures";
import { JournalCollector, LIST_BOOTS, PREVIOUS_BOOT_KERNEL_LOG } from "./journal";
import { previousJournalBoot } from "./journal-boots";
import { collectKdump } from "./kdump";
import { collectPstore } from "./pstore";

const titles = (text: string) => parseKernelLog(text).map((r) => r.title);

describe("kdump", () => {
  test("finds RHEL and Debian layouts, with their vmcores, and no vmcore while incomplete", async () => {
    const found = await collectKdump(KDUMP_FIXTURE);
    expect(
      found.map((f) => [
        f.localId,
        f.origin.slice(KDUMP_FIXTURE.length + 1),
        f.vmcore?.bytes ?? null,
      ]),
    ).toEqual([
      ["127.0.0.1-2024-05-01-10:22:03", "127.0.0.1-2024-05-01-10:22:03/vmcore-dmesg.txt", 61440],
      ["202405011022", "202405011022/dmesg.202405011022", 28672],
      ["202405020915", "202405020915/dmesg.202405020915", null],
    ]);
    expect(titles(found[0]?.text ?? "")[0]).toMatch(
      /NULL pointer dereference in nf_ct_deliver_cached_events/,
    );
    expect(titles(found[1]?.text ?? "")[0]).toMatch(/sysrq triggered crash/);
    expect(found.every((f) => f.source === "kdump" && f.bootId === null)).toBe(true);
  });

  test("a missing directory is no dumps", async () => {
    expect(await collectKdump("/nonexistent/var/crash")).toEqual([]);
  });
});

describe("pstore", () => {
  test("reassembles parts numbered newest first, and skips a restart dump", async () => {
    const found = await collectPstore(PSTORE_FIXTURE);
    expect(found.map((f) => f.localId)).toEqual(["dmesg-efi-17145600001101", "dmesg-ramoops-0"]);
    const [panic, oops] = found;
    expect(panic?.removable).toHaveLength(3);
    expect(panic?.origin).toMatch(/dmesg-efi-17145600001101 \(\+2 parts\)$/);
    // Part3 (oldest) first, Part1 (the panic's end) last; headers gone.
    expect(panic?.text).not.toMatch(/Part\d/);
    const stamps = [...(panic?.text ?? "").matchAll(/^<\d>\[ *(\d+\.\d+)\]/gm)].map((m) =>
      Number(m[1]),
    );
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(titles(panic?.text ?? "")).toEqual([
      "Kernel panic - not syncing: dumptest in lkdtm_PANIC",
    ]);
    expect(titles(oops?.text ?? "")).toEqual(["kernel BUG in lkdtm_BUG"]);
  });

  test("two boots' records with the same header stay apart", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const part = async (name: string, header: string, line: string, mtime: number) => {
        await writeFile(join(dir, name), `${header}\n<0>[    1.000000] ${line}\n`);
        await utimes(join(dir, name), mtime, mtime);
      };
      await part("dmesg-ramoops-0", "Oops#1 Part1", "first boot", 1000);
      await part("dmesg-ramoops-5", "Oops#1 Part1", "second boot", 2000);
      const found = await collectPstore(dir);
      expect(found.map((f) => f.text.trim())).toEqual([
        "<0>[    1.000000] first boot",
        "<0>[    1.000000] second boot",
      ]);
    } finally {
      await cleanup();
    }
  });
});

describe("journal", () => {
  test("the previous boot of a persistent journal, dashed like /proc's boot_id", () => {
    expect(previousJournalBoot(listBootsJson())).toBe(PREVIOUS_BOOT);
    expect(previousJournalBoot(JSON.stringify([{ index: 0, boot_id: "a".repeat(32) }]))).toBeNull();
    const table = ` -1 ${PREVIOUS_BOOT.replaceAll("-", "")} Wed 2024-05-01 09:53:20 UTC—Wed 2024-05-01 10:43:20 UTC\n  0 ${CURRENT_BOOT.replaceAll("-", "")} Wed 2024-05-01 10:45:00 UTC—Wed 2024-05-01 11:33:20 UTC\n`;
    expect(previousJournalBoot(table)).toBe(PREVIOUS_BOOT);
    expect(previousJournalBoot("No journal files were found.\n")).toBeNull();
  });

  test("runs exactly these tools, reads the log once, and only reports a log with a crash", async () => {
    const log = await readFile(join(JOURNAL_FIXTURE, "previous-boot.txt"), "utf8");
    const runner = recordingRunner({
      [LIST_BOOTS.join(" ")]: { stdout: listBootsJson() },
      [PREVIOUS_BOOT_KERNEL_LOG.join(" ")]: { stdout: log },
    });
    const journal = new JournalCollector(runner, silentLogger);
    const [found] = await journal.collect(false);
    expect(found).toMatchObject({ source: "journal", bootId: PREVIOUS_BOOT, text: log });
    expect(titles(found?.text ?? "")[0]).toMatch(/^refcount_t: decrement hit 0/);
    expect(await journal.collect(false)).toEqual([]);
    expect(await journal.collect(true)).toHaveLength(1);
    expect(runner.calls).toEqual([
      ["journalctl", "--list-boots", "-o", "json"],
      ["journalctl", "-k", "-b", "-1", "-o", "short-monotonic", "--no-pager"],
      ["journalctl", "--list-boots", "-o", "json"],
      ["journalctl", "-k", "-b", "-1", "-o", "short-monotonic", "--no-pager"],
    ]);
    const quiet = recordingRunner({
      [LIST_BOOTS.join(" ")]: { stdout: listBootsJson() },
      [PREVIOUS_BOOT_KERNEL_LOG.join(" ")]: { stdout: "[    1.0] host kernel: all good\n" },
    });
    expect(await new JournalCollector(quiet, silentLogger).collect(false)).toEqual([]);
  });

  test("a configured journal directory is read instead of the system journal", async () => {
    const runner = recordingRunner({
      [`journalctl --directory=/srv/journal ${LIST_BOOTS.slice(1).join(" ")}`]: {
        stdout: listBootsJson(),
      },
    });
    await new JournalCollector(runner, silentLogger, "/srv/journal").collect(false);
    expect(runner.calls[0]).toEqual([
      "journalctl",
      "--directory=/srv/journal",
      "--list-boots",
      "-o",
      "json",
    ]);
  });

  test("a volatile journal (one boot) or no journalctl reads nothing more", async () => {
    const one = recordingRunner({ [LIST_BOOTS.join(" ")]: { stdout: "[]" } });
    expect(await new JournalCollector(one, silentLogger).collect(true)).toEqual([]);
    const none = recordingRunner({
      [LIST_BOOTS.join(" ")]: { exitCode: null, error: "journalctl: not found" },
    });
    expect(await new JournalCollector(none, silentLogger).collect(true)).toEqual([]);
    expect([...one.calls, ...none.calls]).toHaveLength(2);
  });
});
