import { appendFile, copyFile } from "node:fs/promises";
import { join } from "node:path";
import { parseKernelLog } from "@fleetdeck/crash";
import { describe, expect, test } from "vitest";
import { silentLogger } from "../../log";
import { eventually, tempDir } from "../../testing/fixtures";
import { KMSG_FIXTURE } from "../testing/fixtures";
import type { Found } from "../types";
import { followKmsg } from "./kmsg";
import { parseKmsgRecord, renderRecord } from "./kmsg-record";
import { KmsgWindow } from "./kmsg-window";

describe("kmsg records", () => {
  test("prio,seq,ts,flags;text with escapes; dictionary lines are not records", () => {
    expect(parseKmsgRecord("4,17,1585872,-;BUG: kernel NULL pointer dereference")).toEqual({
      seq: 17,
      usec: 1585872,
      text: "BUG: kernel NULL pointer dereference",
    });
    expect(parseKmsgRecord("6,3,5,c,caller=T1;a\\x5cb\\x0asecond \\xc3\\xa9")?.text).toBe(
      "a\\b\nsecond é",
    );
    expect(parseKmsgRecord(" SUBSYSTEM=pci")).toBeNull();
    expect(renderRecord({ seq: 1, usec: 2_153_127, text: "one\ntwo" })).toEqual([
      "[    2.153127] one",
      "[    2.153127] two",
    ]);
  });
});

const record = (seq: number, text: string, usec = seq * 1000) => ({ seq, usec, text });

describe("the rolling window", () => {
  test("hands out a report when its end marker arrives, once", () => {
    const w = new KmsgWindow();
    const lines = [
      "------------[ cut here ]------------",
      "WARNING: CPU: 1 PID: 93 at drivers/misc/lkdtm/bugs.c:85 lkdtm_WARNING+0x13/0x20 [lkdtm]",
      "CPU: 1 PID: 93 Comm: sh Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2",
      "RIP: 0010:lkdtm_WARNING+0x13/0x20 [lkdtm]",
      "Call Trace:",
      " <TASK>",
      " direct_entry+0x84/0x130 [lkdtm]",
      " full_proxy_write+0x5a/0x90",
      " </TASK>",
    ];
    for (const [i, text] of lines.entries()) w.push(record(i, text), 0);
    expect(w.take(1, 60_000)).toEqual([]);
    w.push(record(9, "---[ end trace 0000000000000000 ]---"), 2);
    const [report] = w.take(3, 60_000);
    expect(report?.firstSeq).toBe(0);
    expect(report?.lastSeq).toBe(9);
    expect(parseKernelLog(report?.text ?? "")[0]?.title).toBe("WARNING in lkdtm_WARNING");
    w.push(record(10, "unrelated"), 4);
    expect(w.take(5, 0)).toEqual([]);
  });

  test("an unfinished report goes out after a quiet period", () => {
    const w = new KmsgWindow();
    w.push(record(1, "INFO: task sh:90 blocked for more than 10 seconds."), 0);
    w.push(record(2, "      Tainted: G           OE      6.1.0-56-amd64 #1"), 0);
    w.push(record(3, "Call Trace:"), 0);
    w.push(record(4, " <TASK>"), 0);
    w.push(record(5, " __schedule+0x34d/0x9e0"), 0);
    w.push(record(6, " schedule+0x5a/0xd0"), 0);
    expect(w.take(100, 1_000)).toEqual([]);
    const [report] = w.take(1_000, 1_000);
    expect(report?.firstSeq).toBe(1);
    expect(w.take(5_000, 1_000)).toEqual([]);
  });
});

describe("following", () => {
  test("reads a kmsg file, follows what is appended, and emits each report once", async () => {
    const { dir, cleanup } = await tempDir();
    const path = join(dir, "kmsg");
    await copyFile(KMSG_FIXTURE, path);
    const abort = new AbortController();
    const found: Found[] = [];
    const following = followKmsg({
      path,
      bootId: "b00t",
      quietMs: 200,
      log: silentLogger,
      signal: abort.signal,
      emit: async (f) => {
        found.push(f);
      },
    });
    try {
      await eventually(() => found.length === 2, 5_000, "the fixture's two reports");
      const last = 9_999;
      await appendFile(
        path,
        [
          `4,${last},99000000,-;INFO: rcu_sched self-detected stall on CPU`,
          `4,${last + 1},99000001,-;CPU: 0 PID: 1 Comm: init Not tainted 6.1.0-56-amd64 #1`,
          `4,${last + 2},99000002,-;Call Trace:`,
          `4,${last + 3},99000003,-; rcu_dump_cpu_stacks+0x10/0x20`,
          "",
        ].join("\n"),
      );
      await eventually(() => found.length === 3, 5_000, "the appended report");
    } finally {
      abort.abort();
      await following;
      await cleanup();
    }
    expect(found.map((f) => parseKernelLog(f.text)[0]?.title)).toEqual([
      "WARNING in lkdtm_WARNING",
      "Out of memory: dd invoked oom-killer",
      expect.stringMatching(/stall/),
    ]);
    expect(found.every((f) => f.source === "kmsg" && f.bootId === "b00t")).toBe(true);
    expect(found[0]?.origin).toMatch(/kmsg seq \d+-\d+$/);
  });

  test("an unreadable path is simply not followed", async () => {
    const abort = new AbortController();
    await followKmsg({
      path: "/nonexistent/kmsg",
      bootId: "b",
      quietMs: 100,
      log: silentLogger,
      signal: abort.signal,
      emit: async () => {},
    });
  });
});
