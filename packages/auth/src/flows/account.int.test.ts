import { dbTest } from "@fleetdeck/db/testing";
import { describe, expect } from "vitest";
import { listActiveSessions } from "../store/sessions";
import { totpAt } from "../totp/totp";
import { changePassword, regenerateRecoveryCodes } from "./account";
import { beginLogin, completeLogin } from "./login";
import { enrolledUser, testCaller, testDeps } from "./testing";

describe("account security", () => {
  dbTest(
    "changing the password ends every session but the fresh one it hands back",
    async ({ db }) => {
      const deps = testDeps(db);
      const user = await enrolledUser(deps);
      const other = await beginLogin(
        deps,
        { email: user.email, password: user.password, deviceToken: null },
        testCaller,
      );
      await completeLogin(
        deps,
        {
          challengeToken: other.challengeToken,
          factor: { code: await totpAt(user.secret, deps.now?.() as Date) },
          deviceToken: null,
        },
        testCaller,
      );
      expect(await listActiveSessions(db, user.userId, deps.now?.())).toHaveLength(2);

      const who = { userId: user.userId, email: user.email, sessionId: user.session.id };
      const fresh = await changePassword(
        deps,
        who,
        { currentPassword: user.password, newPassword: "an entirely new passphrase" },
        testCaller,
      );
      const active = await listActiveSessions(db, user.userId, deps.now?.());
      expect(active.map((s) => s.id)).toEqual([fresh.id]);
      await expect(
        changePassword(
          deps,
          { ...who, sessionId: fresh.id },
          { currentPassword: user.password, newPassword: "yet another new passphrase" },
          testCaller,
        ),
      ).rejects.toMatchObject({ problem: "invalid" });
    },
  );

  dbTest("a common or short password is refused in plain words", async ({ db }) => {
    const deps = testDeps(db);
    const user = await enrolledUser(deps);
    const who = { userId: user.userId, email: user.email, sessionId: user.session.id };
    await expect(
      changePassword(
        deps,
        who,
        { currentPassword: user.password, newPassword: "short" },
        testCaller,
      ),
    ).rejects.toMatchObject({
      problem: "weak_password",
    });
    await expect(
      changePassword(
        deps,
        who,
        { currentPassword: user.password, newPassword: "1qaz2wsx3edc" },
        testCaller,
      ),
    ).rejects.toMatchObject({
      problem: "weak_password",
    });
  });

  dbTest(
    "new recovery codes need the password and a code, and replace the old ones",
    async ({ db }) => {
      const deps = testDeps(db);
      const user = await enrolledUser(deps);
      const who = { userId: user.userId, email: user.email, sessionId: user.session.id };
      const code = await totpAt(user.secret, deps.now?.() as Date);
      const codes = await regenerateRecoveryCodes(
        deps,
        who,
        { password: user.password, code },
        testCaller,
      );
      expect(codes).toHaveLength(10);
      expect(codes).not.toContain(user.recoveryCodes[0]);
      deps.advance(30_000);
      const login = await beginLogin(
        deps,
        { email: user.email, password: user.password, deviceToken: null },
        testCaller,
      );
      await expect(
        completeLogin(
          deps,
          {
            challengeToken: login.challengeToken,
            factor: { recoveryCode: user.recoveryCodes[0] as string },
            deviceToken: null,
          },
          testCaller,
        ),
      ).rejects.toMatchObject({ problem: "invalid" });
    },
  );
});
