import { describe, expect, it } from "vitest";
import { crashReportSchema, parseKernelLog } from "./index";
import { type Expectation, loadOwnFixtures, loadSharedCorpus } from "./testing/fixtures";

// One test per fixture file: a new bug report becomes a new file in fixtures/, not new code.
const fixtures = loadOwnFixtures();

describe("own fixtures (packages/crash/fixtures)", () => {
  it("exist", () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  describe.each(fixtures)("$file", (fx) => {
    const reports = parseKernelLog(fx.log);

    if (fx.kind === "-") {
      it("reports no crash", () => {
        expect(reports).toEqual([]);
      });
      return;
    }

    const first = reports[0];
    it("finds kind, title, function and module", () => {
      expect(first?.kind).toBe(fx.kind);
      expect(first?.title).toBe(fx.title);
      expect(first?.function ?? "-").toBe(fx.function);
      expect(first?.module ?? "-").toBe(fx.module);
      expect(first?.corrupted).toBe(fx.corrupted);
    });

    it("produces reports the schema accepts", () => {
      for (const report of reports) crashReportSchema.parse(report);
    });
  });
});

describe("duplicate groups across both corpora", () => {
  const all: Expectation[] = [...loadSharedCorpus(), ...fixtures].filter((x) => x.title !== "-");
  const primaryOf = (x: Expectation): string => parseKernelLog(x.log)[0]?.signature.primary ?? "";
  const groupOf = (x: Expectation): string => x.group ?? `file:${x.file}`;
  const entries = all.map((x) => ({ file: x.file, group: groupOf(x), primary: primaryOf(x) }));

  /** key -> the distinct values seen with it */
  const collect = (pairs: Array<[string, string]>): Map<string, Set<string>> => {
    const map = new Map<string, Set<string>>();
    for (const [key, value] of pairs) map.set(key, (map.get(key) ?? new Set()).add(value));
    return map;
  };

  it("gives files of one group one primary signature", () => {
    for (const [group, primaries] of collect(entries.map((e) => [e.group, e.primary]))) {
      expect([...primaries], `group ${group}`).toHaveLength(1);
    }
  });

  it("gives files of different groups different primary signatures", () => {
    for (const [primary, groups] of collect(entries.map((e) => [e.primary, e.group]))) {
      expect([...groups], `primary ${primary}`).toHaveLength(1);
    }
  });

  it("has groups spanning kernel versions and architectures", () => {
    const sizes = new Map<string, number>();
    for (const e of entries) sizes.set(e.group, (sizes.get(e.group) ?? 0) + 1);
    expect([...sizes.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(3);
  });
});
