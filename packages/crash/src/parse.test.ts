import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseKernelLog } from "./index";
import { OWN_CORPUS, parseFixture } from "./testing/fixtures";

const log = (...lines: string[]): string => lines.join("\n");

const TRACE = [
  "CPU: 0 PID: 7 Comm: kworker/0:1 Not tainted 6.1.0 #1",
  "Call Trace:",
  " <TASK>",
  " foo_handler+0x10/0x20 [foo]",
  " process_one_work+0x1f5/0x5c0",
  " </TASK>",
];

describe("parseKernelLog", () => {
  it("finds independent reports in one log", () => {
    const reports = parseKernelLog(
      log(
        "WARNING: CPU: 0 PID: 7 at drivers/foo.c:10 foo_check+0x1/0x2 [foo]",
        ...TRACE,
        "---[ end trace 0000000000000000 ]---",
        "foo: recovered",
        "WARNING: CPU: 1 PID: 9 at drivers/bar.c:20 bar_check+0x3/0x4",
        ...TRACE,
        "---[ end trace 0000000000000000 ]---",
      ),
    );
    expect(reports.map((r) => r.title)).toEqual(["WARNING in foo_check", "WARNING in bar_check"]);
    expect(reports.map((r) => r.lines)).toEqual([
      { start: 1, end: 8 },
      { start: 10, end: 17 },
    ]);
  });

  it("folds the panic an oops causes into the oops", () => {
    const reports = parseKernelLog(
      log(
        "BUG: kernel NULL pointer dereference, address: 0000000000000008",
        "RIP: 0010:foo_handler+0x10/0x20 [foo]",
        ...TRACE,
        "---[ end trace 0000000000000000 ]---",
        "Kernel panic - not syncing: Fatal exception",
        "Kernel Offset: disabled",
      ),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      kind: "null-deref",
      function: "foo_handler",
      lines: { start: 1, end: 11 },
    });
  });

  it("reports a panic alone, blaming the first frame after panic()", () => {
    const [report] = parseKernelLog(
      log(
        "Kernel panic - not syncing: Fatal exception",
        "CPU: 0 PID: 0 Comm: swapper/0 Not tainted 6.1.0 #1",
        "Call Trace:",
        " dump_stack_lvl+0x44/0x5c",
        " panic+0x118/0x2f4",
        " oops_end.cold+0xc/0x18",
        " foo_irq+0x10/0x20 [foo]",
      ),
    );
    expect(report).toMatchObject({
      kind: "panic",
      title: "Kernel panic - not syncing: Fatal exception in foo_irq",
    });
  });

  it("keeps catch-all BUG/WARNING lines only with crash context", () => {
    expect(parseKernelLog("BUG: please report this to your distribution")).toEqual([]);
    const [report] = parseKernelLog(
      log("BUG: using smp_processor_id() in preemptible [00000000] code: sh/1", ...TRACE),
    );
    expect(report?.title).toBe("BUG: using smp_processor_id() in preemptible code in foo_handler");
  });

  it("reads the 6.10+ `Oops:`-prefixed trap banners", () => {
    const [report] = parseKernelLog(
      log(
        "Oops: general protection fault, probably for non-canonical address 0xdead000000000122: 0000 [#1] SMP",
        "RIP: 0010:foo_handler+0x10/0x20 [foo]",
        ...TRACE,
      ),
    );
    expect(report?.title).toBe("general protection fault in foo_handler");
  });

  it("blames the caller when the instruction pointer is a raw address", () => {
    const [report] = parseKernelLog(
      log(
        "BUG: kernel NULL pointer dereference, address: 0000000000000000",
        "RIP: 0010:0x0",
        ...TRACE,
      ),
    );
    expect(report).toMatchObject({
      function: "foo_handler",
      module: "foo",
      rip: { function: null },
    });
  });

  it("reads a 2.6-era WARNING", () => {
    const [report] = parseKernelLog(log("WARNING: at kernel/foo.c:12 foo_fn+0x1/0x2()", ...TRACE));
    expect(report?.title).toBe("WARNING in foo_fn");
  });

  it("takes the release from the boot banner when the report has none", () => {
    const [report] = parseKernelLog(
      log(
        "Linux version 6.6.1 (builder@host) (gcc 13) #1 SMP",
        "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
      ),
    );
    expect(report).toMatchObject({
      kernel: "6.6.1",
      corrupted: true,
      title: "Kernel panic - not syncing: VFS: Unable to mount root fs",
    });
  });

  it("never names a `?` frame", () => {
    const [report] = parseKernelLog(
      log(
        "Kernel panic - not syncing: dumptest",
        "Call Trace:",
        " ? foo+0x1/0x2",
        " panic+0x1/0x2",
      ),
    );
    expect(report).toMatchObject({
      function: null,
      corrupted: true,
      corruptedReason: "no reliable frame outside reporting helpers",
    });
  });

  it("joins pstore parts that arrived newest first into one report", () => {
    const file = "pstore_null_deref_5.15.log";
    const { log } = parseFixture(file, readFileSync(resolve(OWN_CORPUS, file), "utf8"));
    const [report, ...rest] = parseKernelLog(log);
    expect(rest).toEqual([]);
    expect(report?.headline).toMatch(/^BUG: kernel NULL pointer dereference/);
    // The headline sits in Part2, the end of its trace in Part1.
    expect(report?.frames.map((f) => f.function)).toContain("mt7921_poll_rx");
    expect(report?.signature.frames.slice(0, 2)).toEqual([
      "mt76_dma_rx_poll@mt76",
      "mt7921_poll_rx@mt7921e",
    ]);
  });
});
