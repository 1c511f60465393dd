import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generateTotpSecret, totpAt, verifyTotp } from "./totp";

const OATHTOOL = "/usr/bin/oathtool";
const run = promisify(execFile);

// An independent implementation (OATH Toolkit) agrees with ours on a fresh secret.
describe.skipIf(!existsSync(OATHTOOL))("oathtool cross-check", () => {
  it.each([1_700_000_000, 1_700_000_029, 1_700_000_030, 2_000_000_000])(
    "same code at %i s",
    async (seconds) => {
      const secret = generateTotpSecret();
      const { stdout } = await run(OATHTOOL, ["--totp", "-b", `--now=@${seconds}`, secret]);
      const theirs = stdout.trim();
      const when = new Date(seconds * 1000);
      expect(await totpAt(secret, when)).toBe(theirs);
      expect(
        await verifyTotp({ secret, code: theirs, now: when, lastAcceptedStep: null }),
      ).toMatchObject({ ok: true });
    },
  );

  it("agrees on the code for right now", async () => {
    const secret = generateTotpSecret();
    const before = new Date();
    const { stdout } = await run(OATHTOOL, ["--totp", "-b", secret]);
    const after = new Date();
    // The step may roll over while oathtool runs; then either side's code is correct.
    const ours = new Set([await totpAt(secret, before), await totpAt(secret, after)]);
    expect(ours).toContain(stdout.trim());
  });
});
