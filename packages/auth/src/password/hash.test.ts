import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { createPasswordHasher, hashPassword, needsRehash, verifyPassword } from "./hash";
import { ARGON2_PARAMS } from "./params";
import { BusyError } from "./semaphore";

const password = "correct horse battery staple";

describe("hashPassword / verifyPassword", () => {
  it("stores argon2id with the exported parameters, never the password", async () => {
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain(password);
    expect(await hashPassword(password)).not.toBe(stored); // fresh salt each time
  });

  it("lets the right password in and keeps a wrong one out", async () => {
    const stored = await hashPassword(password);
    expect(await verifyPassword(stored, password)).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery stapler")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("fails loudly, not with a quiet false, on a stored value that is not a hash", async () => {
    await expect(verifyPassword("plaintext-by-mistake", password)).rejects.toThrow();
  });

  it("accepts the same password typed in another Unicode form", async () => {
    const stored = await hashPassword("caf\u00e9 au lait, s'il vous pla\u00eet");
    expect(await verifyPassword(stored, "cafe\u0301 au lait, s'il vous plai\u0302t")).toBe(true);
  });

  it("says no for an unknown account after doing the same work as for a real one", async () => {
    const hasher = createPasswordHasher();
    const stored = await hasher.hashPassword(password);
    await hasher.verifyPassword(null, password); // the dummy hash is made on first use
    const time = async (fn: () => Promise<boolean>) => {
      const start = performance.now();
      const result = await fn();
      return { result, ms: performance.now() - start };
    };
    const samples = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 5; i++) {
      const known = await time(() => hasher.verifyPassword(stored, "wrong password here"));
      const unknown = await time(() => hasher.verifyPassword(null, password));
      expect(known.result).toBe(false);
      expect(unknown.result).toBe(false);
      samples.known.push(known.ms);
      samples.unknown.push(unknown.ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2] ?? 0;
    // An unknown account must not answer in a fraction of the time (no hash at all).
    expect(median(samples.unknown)).toBeGreaterThan(median(samples.known) / 3);
  });
});

describe("concurrency cap", () => {
  it("refuses with a busy error instead of queueing without end", async () => {
    const hasher = createPasswordHasher({ concurrency: 1, maxQueue: 1 });
    const attempts = Array.from({ length: 4 }, () => hasher.hashPassword(password));
    const settled = await Promise.allSettled(attempts);
    const refused = settled.filter((s) => s.status === "rejected");
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(2);
    expect(refused).toHaveLength(2);
    for (const r of refused) {
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(BusyError);
    }
  });

  it("runs no more hashes at once than allowed", async () => {
    const hasher = createPasswordHasher({ concurrency: 2, maxQueue: 10 });
    let peak = 0;
    const attempts = Array.from({ length: 6 }, () => {
      const p = hasher.hashPassword(password);
      peak = Math.max(peak, hasher.semaphore.running);
      return p;
    });
    await Promise.all(attempts);
    expect(peak).toBe(2);
    expect(hasher.semaphore.running).toBe(0);
  });
});

describe("needsRehash", () => {
  it("is false for a hash made now", async () => {
    expect(needsRehash(await hashPassword(password))).toBe(false);
  });

  it("is true when the cost or algorithm differs", async () => {
    const weaker = await hash(password, { ...ARGON2_PARAMS, memoryCost: 8192 });
    const argon2i = await hash(password, { ...ARGON2_PARAMS, algorithm: 1 });
    expect(needsRehash(weaker)).toBe(true);
    expect(needsRehash(argon2i)).toBe(true);
    expect(needsRehash(await hashPassword(password), { ...ARGON2_PARAMS, timeCost: 3 })).toBe(true);
  });

  it("is true for something that is not an argon2 hash", () => {
    expect(needsRehash("$2b$12$abcdefghijklmnopqrstuv")).toBe(true);
  });
});
