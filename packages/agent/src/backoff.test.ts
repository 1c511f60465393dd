import { describe, expect, test } from "vitest";
import { Backoff, sleep, Waker } from "./backoff";

describe("backoff", () => {
  test("ceilings double from the minimum to the cap", () => {
    const backoff = new Backoff({ minMs: 1_000, maxMs: 60_000, random: () => 0.999999 });
    const ceilings = Array.from({ length: 9 }, () => {
      const c = backoff.ceilingMs();
      backoff.next();
      return c;
    });
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  test("full jitter: a delay anywhere between 0 and the ceiling", () => {
    const low = new Backoff({ minMs: 1_000, maxMs: 60_000, random: () => 0 });
    expect([low.next(), low.next(), low.next()]).toEqual([0, 0, 0]);
    const mid = new Backoff({ minMs: 1_000, maxMs: 60_000, random: () => 0.5 });
    expect([mid.next(), mid.next(), mid.next()]).toEqual([500, 1_000, 2_000]);
    const real = new Backoff({ minMs: 1_000, maxMs: 60_000 });
    for (let i = 0; i < 50; i++) {
      const ceiling = real.ceilingMs();
      const delay = real.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
  });

  test("reset starts again from the minimum", () => {
    const backoff = new Backoff({ minMs: 100, maxMs: 1_000, random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.ceilingMs()).toBe(100);
    expect(backoff.attempts).toBe(0);
  });

  test("sleep ends early on abort; a waker ends a wait early", async () => {
    const abort = new AbortController();
    const slept = sleep(10_000, abort.signal);
    abort.abort();
    expect(await slept).toBe(false);
    const waker = new Waker();
    const started = Date.now();
    const waiting = waker.wait(10_000, new AbortController().signal);
    waker.wake();
    await waiting;
    waker.wake();
    await waker.wait(10_000, new AbortController().signal);
    // An already-aborted signal must not be waited on (an abort listener would never fire).
    const stopped = new AbortController();
    stopped.abort();
    await waker.wait(10_000, stopped.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
