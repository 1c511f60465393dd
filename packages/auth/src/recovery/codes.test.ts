import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  matchRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_ALPHABET,
  RECOVERY_CODE_BITS,
} from "./codes";

describe("generateRecoveryCodes", () => {
  it("gives ten distinct codes in two groups, from an alphabet with no look-alikes", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{6}-[a-z2-9]{6}$/);
    expect(codes.join("")).not.toMatch(/[01oli]/);
    expect(RECOVERY_ALPHABET).not.toMatch(/[01oOlLiI]/);
  });

  it("has at least 50 bits per code", () => {
    expect(RECOVERY_CODE_BITS).toBeGreaterThanOrEqual(50);
  });

  it("uses every symbol (no stuck positions)", () => {
    const seen = new Set(generateRecoveryCodes(200).join("").replaceAll("-", ""));
    expect(seen.size).toBe(RECOVERY_ALPHABET.length);
  });
});

describe("normaliseRecoveryCode", () => {
  it("ignores case, spaces and dashes", () => {
    for (const typed of ["abcdef-ghjkmn", "ABCDEF GHJKMN", " abc def-ghj kmn ", "abcdefghjkmn"]) {
      expect(normaliseRecoveryCode(typed)).toBe("abcdefghjkmn");
    }
  });

  it("refuses what cannot be a code", () => {
    for (const typed of ["", "abcdef-ghjkm", "abcdef-ghjkmnp", "abcdef-ghjkm0", "abcdef;ghjkmn"]) {
      expect(normaliseRecoveryCode(typed)).toBeNull();
    }
  });
});

describe("matchRecoveryCode", () => {
  const codes = generateRecoveryCodes();
  const stored = codes.map(hashRecoveryCode);

  it("stores no code in the clear", () => {
    for (const [i, hash] of stored.entries()) {
      expect(hash).toMatch(/^s256\.[\w-]{22}\.[\w-]{43}$/);
      expect(hash).not.toContain((codes[i] ?? "").replace("-", ""));
    }
  });

  it("finds the code as typed, whatever its spacing or case", () => {
    const third = codes[2] ?? "";
    expect(matchRecoveryCode(third, stored)).toBe(2);
    expect(matchRecoveryCode(third.toUpperCase().replace("-", " "), stored)).toBe(2);
  });

  it("does not accept a used code again", () => {
    const third = codes[2] ?? "";
    const afterUse = stored.map((h, i) => (i === 2 ? null : h));
    expect(matchRecoveryCode(third, afterUse)).toBe(-1);
    expect(matchRecoveryCode(codes[3] ?? "", afterUse)).toBe(3);
  });

  it("rejects other codes and junk", () => {
    expect(matchRecoveryCode(generateRecoveryCodes(1)[0] ?? "", stored)).toBe(-1);
    expect(matchRecoveryCode("", stored)).toBe(-1);
    expect(matchRecoveryCode("not a code", stored)).toBe(-1);
    expect(matchRecoveryCode(codes[0] ?? "", ["garbage", ...stored])).toBe(1);
  });
});
