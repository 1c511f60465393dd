import { describe, expect, it } from "vitest";
import { BusyError, Semaphore } from "./semaphore";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("Semaphore", () => {
  it("never runs more than `concurrency` tasks at once, and runs them all", async () => {
    const sem = new Semaphore({ concurrency: 2, maxQueue: 10 });
    let running = 0;
    let peak = 0;
    const task = async (): Promise<number> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return 1;
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => sem.run(task)));
    expect(results).toHaveLength(8);
    expect(peak).toBe(2);
    expect(sem.running).toBe(0);
  });

  it("refuses with a clear busy error when the wait queue is full", async () => {
    const sem = new Semaphore({ concurrency: 1, maxQueue: 1 });
    const gate = deferred();
    const first = sem.run(() => gate.promise);
    const second = sem.run(async () => "queued");
    await expect(sem.run(async () => "refused")).rejects.toThrow(BusyError);
    await expect(sem.run(async () => "refused")).rejects.toThrow(/try again/);
    gate.resolve();
    await first;
    await expect(second).resolves.toBe("queued");
  });

  it("serves waiters in arrival order and frees the slot when a task throws", async () => {
    const sem = new Semaphore({ concurrency: 1, maxQueue: 5 });
    const order: number[] = [];
    const failing = sem.run(async () => {
      throw new Error("boom");
    });
    const rest = [1, 2, 3].map((n) => sem.run(async () => order.push(n)));
    await expect(failing).rejects.toThrow("boom");
    await Promise.all(rest);
    expect(order).toEqual([1, 2, 3]);
    expect(sem.running).toBe(0);
    expect(sem.queued).toBe(0);
  });

  it("rejects nonsense limits", () => {
    expect(() => new Semaphore({ concurrency: 0, maxQueue: 1 })).toThrow(RangeError);
    expect(() => new Semaphore({ concurrency: 1, maxQueue: -1 })).toThrow(RangeError);
  });
});
