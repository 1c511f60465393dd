import { describe, expect, it } from "vitest";
import {
  formatRate,
  formatSize,
  formatTime,
  parsePercent,
  parseRate,
  parseSize,
  parseTime,
  tcRate,
  tcSize,
  tcTime,
} from "./units";

describe("rates", () => {
  it.each([
    ["100mbit", 100_000_000],
    ["1.5Gbit", 1_500_000_000],
    ["800bit", 800],
    ["2tbit", 2e12],
    ["100kbit", 100_000],
    // tc's "bps" is BYTES per second: the classic 8x bug.
    ["100mbps", 800_000_000],
    ["1bps", 8],
    ["125kbps", 1_000_000],
  ])("%s is %d bit/s", (text, bits) => {
    expect(parseRate(text)).toBe(bits);
  });

  it.each(["100", "100 mbit", "mbit", "-1mbit", "1e6bit", "0bit", "1.25bit", "7bit"])(
    "refuses %j",
    (text) => {
      expect(() => parseRate(text)).toThrow();
    },
  );

  it("formats canonical human forms", () => {
    expect(formatRate(100_000_000)).toBe("100 Mbit/s");
    expect(formatRate(1_500_000_000)).toBe("1.5 Gbit/s");
    expect(formatRate(1_234_567)).toBe("1234.567 kbit/s");
    expect(formatRate(999)).toBe("999 bit/s");
  });

  it("emits tokens tc reads back exactly", () => {
    expect(tcRate(100_000_000)).toBe("100mbit");
    expect(tcRate(1_500_000_000)).toBe("1500mbit");
    expect(tcRate(1_234_567)).toBe("1234567bit");
    for (const bits of [8, 999, 1000, 1_000_001, 8e12]) expect(parseRate(tcRate(bits))).toBe(bits);
  });
});

describe("sizes", () => {
  it.each([
    ["64kb", 65_536],
    ["64k", 65_536],
    ["1.5mb", 1_572_864],
    ["1514b", 1514],
    ["1g", 1_073_741_824],
  ])("%s is %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it("refuses sizes tc cannot hold and bare numbers", () => {
    expect(() => parseSize("4gb")).toThrow(/above tc's limit/);
    expect(() => parseSize("1500")).toThrow(/needs a unit/);
    expect(() => parseSize("0.1b")).toThrow(/whole number/);
  });

  it("formats and round-trips", () => {
    expect(formatSize(65_536)).toBe("64 KiB");
    expect(formatSize(1536)).toBe("1.5 KiB");
    expect(formatSize(1514)).toBe("1514 B");
    expect(tcSize(65_536)).toBe("64kb");
    expect(tcSize(1514)).toBe("1514b");
    for (const b of [1, 1514, 65_536, 1_048_577]) expect(parseSize(tcSize(b))).toBe(b);
  });
});

describe("times and percentages", () => {
  it("parses and formats times", () => {
    expect(parseTime("20ms")).toBe(20_000);
    expect(parseTime("1.5s")).toBe(1_500_000);
    expect(parseTime("250us")).toBe(250);
    expect(formatTime(20_000)).toBe("20 ms");
    expect(formatTime(250)).toBe("250 µs");
    expect(tcTime(1_500_000)).toBe("1500ms");
    expect(tcTime(2_000_000)).toBe("2s");
  });

  it("parses percentages", () => {
    expect(parsePercent("0.5%")).toBe(0.5);
    expect(parsePercent("100")).toBe(100);
    expect(() => parsePercent("101%")).toThrow(/between 0 and 100/);
    expect(() => parsePercent("-1%")).toThrow();
  });
});
