import { describe, expect, it } from "vitest";
import { generateKey, needsReseal, open, parseKeyring, SecretBoxError, seal } from "./secret-box";

const k1 = generateKey();
const k2 = generateKey();
const oldRing = parseKeyring(`k1:${k1}`);
const rotated = parseKeyring(`k2:${k2}, k1:${k1}`);
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const ctx = "user:42:totp";

function problemOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretBoxError) return error.problem;
    throw error;
  }
  return undefined;
}

describe("seal / open", () => {
  it("round-trips, and the ciphertext shows neither the secret nor the key", () => {
    const sealed = seal(rotated, secret, ctx);
    expect(sealed).toMatch(/^v1\.k2\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(k2);
    expect(open(rotated, sealed, ctx)).toBe(secret);
  });

  it("uses a fresh IV every time", () => {
    expect(seal(rotated, secret, ctx)).not.toBe(seal(rotated, secret, ctx));
  });

  it("opens what the previous key sealed after a rotation, and flags it for re-sealing", () => {
    const sealedBefore = seal(oldRing, secret, ctx);
    expect(open(rotated, sealedBefore, ctx)).toBe(secret);
    expect(needsReseal(rotated, sealedBefore)).toBe(true);
    expect(needsReseal(rotated, seal(rotated, secret, ctx))).toBe(false);
  });

  it("refuses a key id it does not have, saying so", () => {
    const sealed = seal(rotated, secret, ctx);
    expect(problemOf(() => open(oldRing, sealed, ctx))).toBe("unknown_key");
    expect(() => open(oldRing, sealed, ctx)).toThrow(/No key with id "k2"/);
  });

  it("refuses a ciphertext moved to another user's row", () => {
    const sealed = seal(rotated, secret, ctx);
    expect(problemOf(() => open(rotated, sealed, "user:43:totp"))).toBe("tampered");
  });

  it("refuses any flipped character", () => {
    const sealed = seal(rotated, secret, ctx);
    const parts = sealed.split(".");
    for (const index of [2, 3, 4]) {
      const part = parts[index] ?? "";
      const flipped = (part[0] === "A" ? "B" : "A") + part.slice(1);
      const altered = parts.map((p, i) => (i === index ? flipped : p)).join(".");
      expect(problemOf(() => open(rotated, altered, ctx))).toMatch(/tampered|malformed/);
    }
  });

  it("refuses a header relabelled to another key id", () => {
    const both = parseKeyring(`k2:${k1},k1:${k1}`); // same bytes under two ids
    const sealed = seal(both, secret, ctx).replace(/^v1\.k2\./, "v1.k1.");
    expect(problemOf(() => open(both, sealed, ctx))).toBe("tampered");
  });

  it("refuses things that are not sealed secrets", () => {
    for (const junk of ["", secret, "v2.k2.a.b.c", "v1.k2.a.b", "v1.k2.a.b.c.d"]) {
      expect(problemOf(() => open(rotated, junk, ctx))).toBe("malformed");
    }
  });
});

describe("parseKeyring", () => {
  it("makes the first key the active one", () => {
    expect(rotated.activeKid).toBe("k2");
    expect([...rotated.keys.keys()]).toEqual(["k2", "k1"]);
  });

  it.each([
    ["", /look like/],
    ["k1", /look like/],
    [`:${k1}`, /look like/],
    [`k.1:${k1}`, /look like/],
    ["k1:c2hvcnQ=", /32 bytes/],
    [`k1:${k1},k1:${k2}`, /twice/],
  ])("refuses %j", (spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(message);
    expect(problemOf(() => parseKeyring(spec))).toBe("bad_keyring");
  });

  it("never echoes key material in its errors", () => {
    const badKey = `${k1.slice(0, -4)}`;
    expect(() => parseKeyring(`k1:${badKey}`)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(badKey) }),
    );
  });
});
