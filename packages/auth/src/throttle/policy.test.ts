import { describe, expect, it } from "vitest";
import {
  challengeSpent,
  combineDecisions,
  decide,
  decideLoginAttempt,
  PASSWORD_RULE,
  TOTP_RULE,
} from "./policy";

const now = new Date("2030-01-01T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
/** n failures, the newest `lastAgoMs` ago, one second apart. */
const burst = (n: number, lastAgoMs = 0) =>
  Array.from({ length: n }, (_, i) => ago(lastAgoMs + (n - 1 - i) * 1000));

describe("decide", () => {
  it("lets a few typos through without any wait", () => {
    expect(decide({ failures: [], now })).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(decide({ failures: burst(4), now })).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it("makes the attempt after the 5th failure wait 1 s, then doubles, up to 30 s", () => {
    const waits = [5, 6, 7, 8, 9, 10, 20].map(
      (n) => decide({ failures: burst(n), now }).retryAfterMs,
    );
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(decide({ failures: burst(5), now }).allowed).toBe(false);
  });

  it("counts the wait from the latest failure", () => {
    expect(decide({ failures: burst(6, 1_500), now })).toEqual({
      allowed: false,
      retryAfterMs: 500,
    });
    expect(decide({ failures: burst(6, 2_000), now })).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it("caps failures at 100 an hour, until the oldest falls out of the sliding window", () => {
    // 100 failures, one every 35 s; the oldest was 58m45s ago.
    const failures = Array.from({ length: 100 }, (_, i) => ago((99 - i) * 35_000 + 60_000));
    const oldest = failures[0] ?? now;
    const decision = decide({ failures, now });
    expect(decision.allowed).toBe(false);
    expect(decision.retryAfterMs).toBe(oldest.getTime() + 3_600_000 - now.getTime());
    // The moment it expires, only the 30 s delay after the latest failure remains (long past).
    const later = new Date(oldest.getTime() + 3_600_000 + 1);
    expect(decide({ failures, now: later }).allowed).toBe(true);
  });

  it("forgets failures older than an hour: nobody stays locked out", () => {
    const old = burst(500, 3_600_000);
    expect(decide({ failures: old, now })).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it("takes an order-free list and counts a slightly-future failure (clock skew)", () => {
    const failures = [...burst(5, 10_000)].reverse();
    failures.push(new Date(now.getTime() + 500));
    expect(decide({ failures, now })).toEqual({ allowed: false, retryAfterMs: 2_500 });
  });

  it("has a tighter hourly cap for TOTP codes", () => {
    expect(TOTP_RULE.maxFailures).toBeLessThan(PASSWORD_RULE.maxFailures);
    const spread = Array.from({ length: TOTP_RULE.maxFailures }, (_, i) =>
      ago(60_000 + i * 60_000),
    );
    expect(decide({ failures: spread, now, rule: TOTP_RULE }).allowed).toBe(false);
    expect(decide({ failures: spread, now, rule: PASSWORD_RULE }).allowed).toBe(true);
  });
});

describe("decideLoginAttempt", () => {
  const flooded = Array.from({ length: 100 }, (_, i) => ago(60_000 + i * 30_000));

  it("stops an attacker hammering one account from many IPs", () => {
    const decision = decideLoginAttempt({ kind: "password", now, account: flooded, ip: [] });
    expect(decision.allowed).toBe(false);
  });

  it("lets the real user in from a browser that signed in before, despite the flood", () => {
    const decision = decideLoginAttempt({
      kind: "password",
      now,
      account: flooded,
      ip: [],
      device: [],
    });
    expect(decision).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it("still slows one IP spraying many accounts", () => {
    const decision = decideLoginAttempt({ kind: "password", now, account: [], ip: burst(12) });
    expect(decision).toEqual({ allowed: false, retryAfterMs: 30_000 });
  });

  it("keeps password and TOTP counters apart", () => {
    const sixTotp = burst(6);
    expect(decideLoginAttempt({ kind: "totp", now, account: sixTotp, ip: [] }).allowed).toBe(false);
    expect(decideLoginAttempt({ kind: "password", now, account: [], ip: [] }).allowed).toBe(true);
  });
});

describe("combineDecisions", () => {
  it("takes the longest wait", () => {
    expect(
      combineDecisions(
        { allowed: true, retryAfterMs: 0 },
        { allowed: false, retryAfterMs: 4_000 },
        { allowed: false, retryAfterMs: 1_000 },
      ),
    ).toEqual({ allowed: false, retryAfterMs: 4_000 });
    expect(combineDecisions()).toEqual({ allowed: true, retryAfterMs: 0 });
  });
});

describe("challengeSpent", () => {
  it("throws away a half-finished login after 5 wrong codes", () => {
    expect(challengeSpent(4)).toBe(false);
    expect(challengeSpent(5)).toBe(true);
  });
});
