import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffPolicies } from "../diff";
import { policySpecSchema } from "../model/policy";
import { isSafeToken } from "../names";
import { renderBatch } from "../render";
import { policyCaseArbitrary } from "../testing/arbitraries";
import { validatePolicy } from "../validate/index";
import { compilePolicy } from "./index";

// Time-boxed: as many runs as fit in a few seconds, never a failure for stopping.
const budget = { numRuns: 5000, interruptAfterTimeLimit: 2500, markInterruptAsFailure: false };

describe("generated policies", () => {
  it("that validate compile deterministically to safe batch lines", () => {
    let valid = 0;
    let total = 0;
    fc.assert(
      fc.property(policyCaseArbitrary({ hostile: true }), ({ spec, interfaces }) => {
        total++;
        if (validatePolicy(spec).errors.length > 0) return;
        const first = compilePolicy(spec, { interfaces });
        const second = compilePolicy(structuredClone(spec), {
          interfaces: [...interfaces].reverse(),
        });
        if (!first.ok) return;
        valid++;
        expect(second.ok && second.plan).toEqual(first.plan);
        const text = renderBatch([...first.plan.teardown, ...first.plan.batch]);
        for (const line of text.split("\n").filter(Boolean)) {
          expect(line.split(" ").every(isSafeToken), line).toBe(true);
        }
      }),
      budget,
    );
    // The generator is meant to produce mostly valid policies; if not, it tests little.
    expect(valid / total).toBeGreaterThan(0.5);
  });

  it("round-trip: a parsed spec re-parses to itself and compiles the same", () => {
    fc.assert(
      fc.property(policyCaseArbitrary(), ({ spec, interfaces }) => {
        const parsed = validatePolicy(spec).spec;
        if (!parsed) return;
        // Stored revisions hold the parsed form (integers); it must mean the same.
        expect(policySpecSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
        expect(diffPolicies(parsed, parsed)).toEqual([]);
        const a = compilePolicy(spec, { interfaces });
        const b = compilePolicy(parsed, { interfaces });
        expect(b.ok && renderBatch(b.plan.batch)).toBe(a.ok && renderBatch(a.plan.batch));
      }),
      { ...budget, interruptAfterTimeLimit: 1500 },
    );
  });
});
