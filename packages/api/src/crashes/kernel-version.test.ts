import { expect, test } from "vitest";
import { compareKernels } from "./kernel-version";

test("kernel releases order by their numbers", () => {
  expect(compareKernels("6.1.0-57-amd64", "6.1.0-56-amd64")).toBeGreaterThan(0);
  expect(compareKernels("3.10.0-1160.el7.x86_64", "4.18.0")).toBeLessThan(0);
  expect(compareKernels("6.1.0", "6.1.0-0")).toBe(0);
});
