import { describe, expect, test } from "vitest";
import { allowedFailures, planWaves, strategySchema } from "./strategy";

const hosts = Array.from({ length: 20 }, (_, i) => `h${String(i).padStart(2, "0")}`);

describe("wave planning", () => {
  test("1 canary, then 10%, 50%, 100%: every host once, in order", () => {
    const waves = planWaves(
      hosts,
      strategySchema.parse({
        canary: { count: 1 },
        waves: [{ percent: 10 }, { percent: 50 }, { percent: 100 }],
      }),
    );
    expect(waves.map((w) => w.length)).toEqual([1, 1, 8, 10]);
    expect(waves.flat()).toEqual(hosts);
  });

  test("counts add hosts and leftovers form a last wave", () => {
    const waves = planWaves(
      hosts,
      strategySchema.parse({ canary: { count: 2 }, waves: [{ count: 5 }] }),
    );
    expect(waves.map((w) => w.length)).toEqual([2, 5, 13]);
  });

  test("chosen canary hosts go first, wherever they are in the order", () => {
    const waves = planWaves(
      hosts,
      strategySchema.parse({
        canary: { hostIds: ["00000000-0000-4000-8000-000000000000"] },
        waves: [{ percent: 100 }],
      }),
    );
    expect(waves.map((w) => w.length)).toEqual([20]);
    const ids = hosts.map(
      (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, "0")}`,
    );
    const chosen = planWaves(
      ids,
      strategySchema.parse({ canary: { hostIds: [ids[7] as string] }, waves: [{ percent: 100 }] }),
    );
    expect(chosen[0]).toEqual([ids[7]]);
    expect(chosen[1]).toHaveLength(19);
  });

  test("budgets by count and by percent", () => {
    expect(allowedFailures({ count: 2 }, 100)).toBe(2);
    expect(allowedFailures({ percent: 10 }, 25)).toBe(2);
    expect(allowedFailures({ percent: 0 }, 25)).toBe(0);
  });
});
