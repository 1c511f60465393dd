import { describe, expect, test } from "vitest";
import { matches, parseSelector } from "./selector";

describe("label selectors", () => {
  const prodFra = { env: "prod", site: "fra1", tier: "edge" };
  const prodNyc = { env: "prod", site: "nyc1" };
  const stagingAms = { env: "staging", site: "ams2", legacy: "yes" };

  test.each([
    ["env=prod", [true, true, false]],
    ["env=prod, site in (fra1, ams2)", [true, false, false]],
    ["site notin (fra1)", [false, true, true]],
    ["env!=prod", [false, false, true]],
    ["tier", [true, false, false]],
    ["!legacy, env in (prod,staging)", [true, true, false]],
    ["", [true, true, true]],
  ])("%s", (selector, expected) => {
    const terms = parseSelector(selector);
    expect([prodFra, prodNyc, stagingAms].map((labels) => matches(terms, labels))).toEqual(
      expected,
    );
  });

  test.each([
    ["site in (fra1", /not closed/],
    ["site in ()", /lists no values/],
    ["Env=prod", /not a label key/],
    ["env=pr od", /not a label value/],
  ])("%s is refused in plain words", (selector, message) => {
    expect(() => parseSelector(selector)).toThrow(message);
  });
});
