import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CrashReport, crashReportSchema, parseKernelLog } from "./index";
import { loadOwnFixtures, loadSharedCorpus } from "./testing/fixtures";

// Time-boxed: the whole crash suite stays well under 20 s on a loaded CI machine.
const logs = [...loadSharedCorpus(), ...loadOwnFixtures()].map((x) => x.log);
const allLines = [...new Set(logs.flatMap((log) => log.split("\n")))];
/** Generous: the parser runs at tens of MB/s; this catches quadratic or backtracking blow-ups. */
const MAX_MS_PER_MB = 1500;

function checked(text: string): CrashReport[] {
  const reports = parseKernelLog(text);
  for (const r of reports) {
    crashReportSchema.parse(r);
    if (r.corrupted) expect(r.corruptedReason).toBeTruthy();
  }
  return reports;
}

function msPerMb(text: string): number {
  const start = performance.now();
  checked(text);
  return (performance.now() - start) / (text.length / 1e6);
}

describe("fuzzing", () => {
  it("never throws on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        checked(Buffer.from(bytes).toString("latin1"));
        checked(new TextDecoder().decode(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on crash lines shuffled, cut and spliced with noise", () => {
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...allLines) },
      { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...allLines), fc.nat(200), fc.string({ maxLength: 20 }))
          .map(([l, at, junk]) => l.slice(0, at) + junk + l.slice(at)),
      },
    );
    const eol = fc.constantFrom("\n", "\r\n");
    fc.assert(
      fc.property(fc.array(line, { maxLength: 300 }), eol, (lines, separator) => {
        checked(lines.join(separator));
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on a truncated log, whatever the prefix length", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...logs),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (log, at) => {
          checked(log.slice(0, Math.floor(log.length * at)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on any prefix through a report, line by line and mid-line", () => {
    for (const log of logs) {
      const first = parseKernelLog(log)[0];
      if (!first) continue;
      const lines = log.split("\n");
      let offset = lines.slice(0, first.lines.start - 1).join("\n").length;
      for (let i = first.lines.start - 1; i < first.lines.end; i++) {
        const length = (lines[i] ?? "").length + 1;
        checked(log.slice(0, offset + Math.floor(length / 2)));
        offset += length;
        checked(log.slice(0, offset));
      }
    }
  });

  it("stays linear on 1 MB of hostile lines, as one line or as 4 KB lines", () => {
    const mb = 1_000_000;
    const fill = (head: string, unit: string, size: number): string =>
      head + unit.repeat(Math.ceil((size - head.length) / unit.length));
    const shapes: Array<[string, string]> = [
      ["", "x"],
      ["BUG: kernel NULL pointer dereference, address: ", "0"],
      ["WARNING: CPU: 0 PID: 1 at ", "a+0x1/"],
      ["", "Oops: "],
      ["[", " "],
      ["INFO: task ", "a:1 "],
      [" ", "[<ffffffff81000000>] "],
      ["", "f"],
      ["", "("],
      ["Kernel panic - not syncing: ", "a(b) "],
      ["GPR00: ", "c000000000000000 "],
      ["RAX: ", "0000: "],
      ["usercopy: Kernel memory ", "0x1 "],
    ];
    for (const [head, unit] of shapes) {
      expect(msPerMb(fill(head, unit, mb))).toBeLessThan(MAX_MS_PER_MB);
      const line = fill(head, unit, 4000);
      expect(msPerMb(Array.from({ length: 250 }, () => line).join("\n"))).toBeLessThan(
        MAX_MS_PER_MB,
      );
    }
  });

  it("parses a 10 MB log of repeated crash logs in bounded time per MB", () => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10_000_000; i++) {
      const log = logs[i % logs.length] ?? "";
      parts.push(log);
      size += log.length;
    }
    const text = parts.join("\n");
    const start = performance.now();
    const reports = checked(text);
    const perMb = (performance.now() - start) / (text.length / 1e6);
    expect(reports.length).toBeGreaterThan(parts.length / 2);
    expect(perMb).toBeLessThan(MAX_MS_PER_MB);
  });
});
