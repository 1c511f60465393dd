import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import { Gate } from "./gate";

describe("gate", () => {
  test("runs at most `limit` at once, the rest in arrival order, and survives failures", async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = (i: number) =>
      gate.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await sleep(5);
        running--;
        if (i === 1) throw new Error("boom");
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(work));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect(await gate.run(async () => "free again")).toBe("free again");
  });
});
