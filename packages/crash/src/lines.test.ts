import { describe, expect, it } from "vitest";
import { normalizeLog, stripPrefixes } from "./lines";

describe("stripPrefixes", () => {
  it.each([
    ["[  123.456789] BUG: x", "BUG: x"],
    ["[    1.587190]  direct_entry.cold+0x18/0x24 [lkdtm]", " direct_entry.cold+0x18/0x24 [lkdtm]"],
    ["[   12.345678][    T1] BUG: x", "BUG: x"],
    ["[   12.345678] [   C3] BUG: x", "BUG: x"],
    ["[Wed Nov 27 09:01:02 2024] BUG: x", "BUG: x"],
    ["<4>[  352.918323] CPU: 3 PID: 0", "CPU: 3 PID: 0"],
    ["Nov 27 09:01:02 fw01 kernel: BUG: x", "BUG: x"],
    ["Nov  7 09:01:02 fw01 kernel:  ipv4_confirm+0x4e/0x100", " ipv4_confirm+0x4e/0x100"],
    ["2024-11-27T09:01:02+0100 fw01 kernel: BUG: x", "BUG: x"],
    ["2024-11-27T09:01:02.123456+01:00 fw01 kernel: BUG: x", "BUG: x"],
    ["Nov 27 09:01:02 fw01 kernel: [ 5513.171322] BUG: x", "BUG: x"],
    ["[  123.456789] fw01 kernel: BUG: x", "BUG: x"],
    ["kern  :warn  : [  123.456789] BUG: x", "BUG: x"],
    ["Killed[    4.623942] ACPI: PM: Preparing", "ACPI: PM: Preparing"],
    [
      "BUG: kernel NULL pointer dereference, address: 0",
      "BUG: kernel NULL pointer dereference, address: 0",
    ],
    [
      "[<ffffffffc08372ce>] ipv4_confirm+0x4e/0x100",
      "[<ffffffffc08372ce>] ipv4_confirm+0x4e/0x100",
    ],
  ])("%j -> %j", (raw, text) => {
    expect(stripPrefixes(raw)).toBe(text);
  });

  it("leaves other programs' journal lines alone", () => {
    const line = "Nov 27 09:01:03 fw01 systemd[1]: BUG: not a kernel line";
    expect(stripPrefixes(line)).toBe(line);
  });
});

describe("normalizeLog", () => {
  it("handles CRLF, colour escapes and NUL padding, keeping input line numbers", () => {
    const lines = normalizeLog("a\r\n\u001b[0;31mBUG: x\u001b[0m\r\n\u0000\u0000b");
    expect(lines).toEqual([
      { text: "a", no: 1 },
      { text: "BUG: x", no: 2 },
      { text: "b", no: 3 },
    ]);
  });

  it("puts pstore parts back in print order: the highest part is the oldest text", () => {
    const text = [
      "Oops#1 Part1",
      "<4>[    2.000000] third",
      "Oops#1 Part2",
      "<6>[    1.000000] first",
      "<6>[    1.500000] second",
    ];
    const lines = normalizeLog(text.join("\n"));
    expect(lines.map((l) => [l.text, l.no])).toEqual([
      ["first", 4],
      ["second", 5],
      ["third", 2],
    ]);
  });

  it("keeps separate pstore records apart and in input order", () => {
    const text = "Panic#2 Part1\nB\nOops#1 Part2\nA1\nOops#1 Part1\nA2";
    expect(normalizeLog(text).map((l) => l.text)).toEqual(["B", "A1", "A2"]);
  });
});
