import { describe, expect, it } from "vitest";
import { commonPasswords } from "./common-passwords";
import { checkPasswordPolicy, newPasswordSchema } from "./policy";

describe("checkPasswordPolicy", () => {
  it("accepts a long passphrase with no symbols or digits", () => {
    expect(checkPasswordPolicy("correct horse battery staple")).toEqual({ ok: true });
  });

  it("asks for 12 characters in plain words", () => {
    expect(checkPasswordPolicy("Tr0ub4dor&3")).toEqual({
      ok: false,
      problem: "too_short",
      reason: "Use at least 12 characters",
    });
  });

  it("counts characters as a person does, not UTF-16 units", () => {
    // 11 emoji are 22 UTF-16 units but 11 characters: still too short.
    expect(checkPasswordPolicy("🔒".repeat(11))).toMatchObject({ problem: "too_short" });
    expect(checkPasswordPolicy("🔒".repeat(12))).toEqual({ ok: true });
    // "é" typed decomposed is two code points before NFKC, one after.
    expect(checkPasswordPolicy("e\u0301".repeat(11))).toMatchObject({ problem: "too_short" });
  });

  it("refuses more than 256 characters", () => {
    expect(checkPasswordPolicy("a b".repeat(86))).toMatchObject({
      ok: false,
      problem: "too_long",
    });
    expect(checkPasswordPolicy("x".repeat(256))).toEqual({ ok: true });
  });

  it("refuses the common passwords whatever their case", () => {
    for (const variant of ["qwertyqwerty", "QwertyQwerty", "1QAZ2WSX3EDC", "mailcreated5240"]) {
      expect(checkPasswordPolicy(variant)).toEqual({
        ok: false,
        problem: "too_common",
        reason: "This password is one of the most common ones; choose another",
      });
    }
  });

  it("loads the whole list once", () => {
    expect(commonPasswords().size).toBeGreaterThan(9_900);
    expect(commonPasswords()).toBe(commonPasswords());
    expect(commonPasswords().has("password")).toBe(true);
  });
});

describe("newPasswordSchema", () => {
  it("reports the same plain reason", () => {
    const result = newPasswordSchema.safeParse("short");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Use at least 12 characters");
    expect(newPasswordSchema.safeParse("a perfectly fine passphrase").success).toBe(true);
  });
});
