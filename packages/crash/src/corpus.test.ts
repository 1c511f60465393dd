import { describe, expect, it } from "vitest";
import { crashReportSchema, parseKernelLog } from "./index";
import { loadSharedCorpus, sharedLogFiles } from "./testing/fixtures";

const corpus = loadSharedCorpus();

describe("shared corpus (MANIFEST.tsv)", () => {
  it("lists every log file in the folder", () => {
    expect(corpus.map((row) => row.file).sort()).toEqual(sharedLogFiles());
  });

  describe.each(corpus)("$file", (row) => {
    const reports = parseKernelLog(row.log);

    if (row.title === "-") {
      it("reports no crash", () => {
        expect(reports).toEqual([]);
      });
      return;
    }

    it("finds the first report's function and module exactly", () => {
      expect(reports[0]?.function).toBe(row.function);
      expect(reports[0]?.module).toBe(row.module);
    });

    it("titles it as the reviewer did", () => {
      expect(reports[0]?.title).toBe(row.title);
      expect(reports[0]?.corrupted).toBe(false);
    });

    it("produces reports the schema accepts", () => {
      for (const report of reports) crashReportSchema.parse(report);
    });
  });
});
