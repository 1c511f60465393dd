import { ScureBase32Plugin } from "otplib";
import { describe, expect, it } from "vitest";
import { generateTotpSecret, totpAt, totpStep, verifyTotp } from "./totp";

const secret = generateTotpSecret();
// Mid-step, so ±30 s lands squarely in the neighbouring steps.
const now = new Date(Date.UTC(2030, 0, 1, 12, 0, 15));
const step = totpStep(now);
const at = (offsetSteps: number) => totpAt(secret, new Date(now.getTime() + offsetSteps * 30_000));

describe("generateTotpSecret", () => {
  it("is 20 random bytes in unpadded base32", () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(new ScureBase32Plugin().decode(a)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(a);
  });
});

describe("verifyTotp", () => {
  it("accepts the current code and says which step it used", async () => {
    const code = await at(0);
    expect(code).toMatch(/^\d{6}$/);
    expect(await verifyTotp({ secret, code, now, lastAcceptedStep: null })).toEqual({
      ok: true,
      step,
    });
  });

  it("accepts one step of clock drift either way, and no more", async () => {
    const verifyAt = async (offset: number) =>
      verifyTotp({ secret, code: await at(offset), now, lastAcceptedStep: null });
    expect(await verifyAt(-1)).toEqual({ ok: true, step: step - 1 });
    expect(await verifyAt(1)).toEqual({ ok: true, step: step + 1 });
    expect(await verifyAt(-2)).toEqual({ ok: false });
    expect(await verifyAt(2)).toEqual({ ok: false });
  });

  it("accepts a code only once", async () => {
    const code = await at(0);
    const first = await verifyTotp({ secret, code, now, lastAcceptedStep: null });
    expect(first.ok).toBe(true);
    const lastAcceptedStep = first.ok ? first.step : null;
    expect(await verifyTotp({ secret, code, now, lastAcceptedStep })).toEqual({ ok: false });
    // Nor an older code that is still inside the window.
    expect(await verifyTotp({ secret, code: await at(-1), now, lastAcceptedStep })).toEqual({
      ok: false,
    });
    // The next step's code is fine.
    expect(await verifyTotp({ secret, code: await at(1), now, lastAcceptedStep })).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it("refuses everything, without throwing, after a code from the future was used", async () => {
    const code = await at(0);
    for (const lastAcceptedStep of [step + 1, step + 50]) {
      expect(await verifyTotp({ secret, code, now, lastAcceptedStep })).toEqual({ ok: false });
    }
  });

  it("ignores spaces but treats any other malformed input as a wrong code", async () => {
    const code = await at(0);
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect(await verifyTotp({ secret, code: spaced, now, lastAcceptedStep: null })).toMatchObject({
      ok: true,
    });
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`, "１２３４５６"]) {
      expect(await verifyTotp({ secret, code: bad, now, lastAcceptedStep: null })).toEqual({
        ok: false,
      });
    }
  });

  it("refuses a code made with another secret", async () => {
    const code = await totpAt(generateTotpSecret(), now);
    expect(await verifyTotp({ secret, code, now, lastAcceptedStep: null })).toEqual({ ok: false });
  });
});
