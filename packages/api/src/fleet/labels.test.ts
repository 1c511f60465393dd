import { describe, expect, test } from "vitest";
import { formatLabels, parseLabels } from "./labels";

describe("labels", () => {
  test("read as typed and written back the same", () => {
    const labels = parseLabels(" env=prod, site=fra1 ,tier=edge");
    expect(labels).toEqual({ env: "prod", site: "fra1", tier: "edge" });
    expect(formatLabels(labels)).toBe("env=prod, site=fra1, tier=edge");
  });

  test.each([
    ["env", /not key=value/],
    ["Env=prod", /Label Env/],
    ["env=pr od", /no spaces/],
  ])("%s is refused in plain words", (text, message) => {
    expect(() => parseLabels(text)).toThrow(message);
  });
});
