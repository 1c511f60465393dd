import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../compile/index";
import { loadGoldenCases } from "../testing/golden";
import { loadStateCases } from "../testing/state-corpus";
import { compareState } from "./compare";
import { parseTcState } from "./parse";

const update = process.env.UPDATE_GOLDEN === "1";
const goldens = new Map(loadGoldenCases().map((c) => [c.name, c]));
const cases = loadStateCases();

describe("tc state corpus", () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    "%s parses and matches its golden policy",
    (_n, c) => {
      const golden = goldens.get(c.golden);
      if (!golden) throw new Error(`${c.name}: unknown golden ${c.golden}`);
      const compiled = compilePolicy(golden.spec, { interfaces: golden.interfaces });
      if (!compiled.ok) throw new Error(`${c.golden} does not compile`);
      for (const snap of c.snapshots) {
        const state = parseTcState(snap);
        const file = path.join(c.dir, `${snap.dev}.state.json`);
        const text = `${JSON.stringify(state, null, 2)}\n`;
        if (update) writeFileSync(file, text);
        else expect(text, file).toBe(readFileSync(file, "utf8"));
        const device = compiled.plan.devices.find((d) => d.dev === snap.dev);
        expect(device, `${c.golden} has no device ${snap.dev}`).toBeDefined();
        if (device) expect(compareState(device.tree, state)).toEqual([]);
      }
    },
  );

  it("covers real captures and hand-written fixtures, and says which", () => {
    expect(cases.filter((c) => c.source.startsWith("captured")).length).toBeGreaterThanOrEqual(10);
    for (const c of cases) expect(c.source).toMatch(/^(captured|hand-written)/);
  });
});
