import { expect, test } from "vitest";
import { formatBytes, formatUptime } from "./format";

test("sizes and durations read like an operator writes them", () => {
  expect(formatBytes(2 * 1024 ** 3)).toBe("2.0 GiB");
  expect(formatBytes(512)).toBe("512 B");
  expect(formatBytes(40960)).toBe("40 KiB");
  expect(formatUptime(93_784)).toBe("1d 2h");
  expect(formatUptime(3_900)).toBe("1h 5m");
});
