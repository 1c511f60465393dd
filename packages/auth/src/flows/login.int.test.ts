import { dbTest } from "@fleetdeck/db/testing";
import { describe, expect } from "vitest";
import { GENERIC_FAILURE } from "../errors";
import { totpAt } from "../totp/totp";
import { beginLogin, completeLogin } from "./login";
import { enrolledUser, testCaller, testDeps } from "./testing";

describe("login", () => {
  dbTest(
    "password then code signs in, and the same code is refused a second time",
    async ({ db }) => {
      const deps = testDeps(db);
      const user = await enrolledUser(deps);
      const code = await totpAt(user.secret, deps.now?.() as Date);

      const first = await beginLogin(
        deps,
        { email: user.email, password: user.password, deviceToken: null },
        testCaller,
      );
      expect(first.next).toBe("verify");
      const done = await completeLogin(
        deps,
        { challengeToken: first.challengeToken, factor: { code }, deviceToken: null },
        testCaller,
      );
      expect(done.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const second = await beginLogin(
        deps,
        { email: user.email, password: user.password, deviceToken: null },
        testCaller,
      );
      await expect(
        completeLogin(
          deps,
          { challengeToken: second.challengeToken, factor: { code }, deviceToken: null },
          testCaller,
        ),
      ).rejects.toThrow(GENERIC_FAILURE);
    },
  );

  dbTest(
    "a wrong password is not revealed until the code step, and reads like a wrong code",
    async ({ db }) => {
      const deps = testDeps(db);
      const user = await enrolledUser(deps);
      const started = await beginLogin(
        deps,
        { email: user.email, password: "not the password at all", deviceToken: null },
        testCaller,
      );
      expect(started.next).toBe("verify");
      const code = await totpAt(user.secret, deps.now?.() as Date);
      await expect(
        completeLogin(
          deps,
          { challengeToken: started.challengeToken, factor: { code }, deviceToken: null },
          testCaller,
        ),
      ).rejects.toThrow(GENERIC_FAILURE);
      const unknown = await beginLogin(
        deps,
        { email: "nobody@example.com", password: "whatever it is here", deviceToken: null },
        testCaller,
      );
      expect(unknown.next).toBe("verify");
    },
  );

  dbTest("the 6th code on one half-finished login finds it gone", async ({ db }) => {
    const deps = testDeps(db);
    const user = await enrolledUser(deps);
    const started = await beginLogin(
      deps,
      { email: user.email, password: user.password, deviceToken: null },
      testCaller,
    );
    const attempt = () =>
      completeLogin(
        deps,
        { challengeToken: started.challengeToken, factor: { code: "000000" }, deviceToken: null },
        testCaller,
      );
    for (let i = 1; i <= 4; i++) {
      await expect(attempt()).rejects.toMatchObject({ problem: "invalid" });
      deps.advance(60_000);
    }
    await expect(attempt()).rejects.toMatchObject({ problem: "expired" });
    deps.advance(60_000);
    const code = await totpAt(user.secret, deps.now?.() as Date);
    await expect(
      completeLogin(
        deps,
        { challengeToken: started.challengeToken, factor: { code }, deviceToken: null },
        testCaller,
      ),
    ).rejects.toMatchObject({
      problem: "expired",
      message: "This sign-in has expired. Start again.",
    });
  });

  dbTest("a recovery code signs in once", async ({ db }) => {
    const deps = testDeps(db);
    const user = await enrolledUser(deps);
    const recoveryCode = user.recoveryCodes[3] as string;
    const a = await beginLogin(
      deps,
      { email: user.email, password: user.password, deviceToken: null },
      testCaller,
    );
    const done = await completeLogin(
      deps,
      {
        challengeToken: a.challengeToken,
        factor: { recoveryCode: recoveryCode.toUpperCase() },
        deviceToken: null,
      },
      testCaller,
    );
    expect(done.recoveryCodesLeft).toBe(9);
    const b = await beginLogin(
      deps,
      { email: user.email, password: user.password, deviceToken: null },
      testCaller,
    );
    await expect(
      completeLogin(
        deps,
        { challengeToken: b.challengeToken, factor: { recoveryCode }, deviceToken: null },
        testCaller,
      ),
    ).rejects.toThrow(GENERIC_FAILURE);
  });

  dbTest(
    "at most 100 failed passwords per account an hour, yet the owner's known browser still gets in",
    async ({ db }) => {
      const deps = testDeps(db);
      const user = await enrolledUser(deps);
      // The owner signs in once from their browser, which becomes a known device.
      const own = await beginLogin(
        deps,
        { email: user.email, password: user.password, deviceToken: null },
        testCaller,
      );
      const ownDone = await completeLogin(
        deps,
        {
          challengeToken: own.challengeToken,
          factor: { code: await totpAt(user.secret, deps.now?.() as Date) },
          deviceToken: null,
        },
        testCaller,
      );
      deps.advance(30_000);
      let refusedAt = 0;
      for (let i = 1; i <= 101; i++) {
        // Each guess from its own address and late enough that the growing delay has passed.
        const attacker = { ip: `203.0.113.${i}`, userAgent: "bot" };
        try {
          await beginLogin(
            deps,
            { email: user.email, password: `wrong password ${i}`, deviceToken: null },
            attacker,
          );
        } catch (error) {
          expect(error).toMatchObject({ problem: "throttled" });
          refusedAt = i;
          break;
        }
        deps.advance(31_000);
      }
      expect(refusedAt).toBe(101);
      const owner = await beginLogin(
        deps,
        { email: user.email, password: user.password, deviceToken: ownDone.deviceToken },
        testCaller,
      );
      expect(owner.next).toBe("verify");
      // An hour later the account's own list has aged out for everyone.
      deps.advance(60 * 60 * 1000);
      await expect(
        beginLogin(
          deps,
          { email: user.email, password: user.password, deviceToken: null },
          { ip: "192.0.2.1", userAgent: "x" },
        ),
      ).resolves.toMatchObject({
        next: "verify",
      });
    },
  );
});
