import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderBatch } from "../render";
import { loadGoldenCases, readExpected } from "../testing/golden";
import { formatIssue } from "../validate/issue";
import { compilePolicy } from "./index";

// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
const update = process.env.UPDATE_GOLDEN === "1";
const cases = loadGoldenCases();

describe("golden compile corpus", () => {
  it("has at least 25 policies", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = compilePolicy(c.spec, { interfaces: c.interfaces });
    if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
    const actual = {
      "teardown.tc": renderBatch(result.plan.teardown),
      "batch.tc": renderBatch(result.plan.batch),
      "warnings.txt": result.warnings.map((w) => `${formatIssue(w)}\n`).join(""),
    };
    for (const [file, text] of Object.entries(actual)) {
      if (update) writeFileSync(path.join(c.dir, file), text);
      else expect(text, `${c.name}/${file}`).toBe(readExpected(c.dir, file) ?? "");
    }
    const again = compilePolicy(c.spec, { interfaces: [...c.interfaces].reverse() });
    expect(again.ok && renderBatch(again.plan.batch)).toBe(actual["batch.tc"]);
  });
});
