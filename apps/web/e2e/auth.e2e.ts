import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { nextStepCode, signInOnPage, signOut, signUpOnPage } from "./auth-helpers";
import { launchBrowser, screenshot } from "./browser";
import { type RunningServer, startServer } from "./server-process";

let server: RunningServer;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  server = await startServer(database.url);
});

afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

describe("team login in a browser", () => {
  test("sign up, enroll with oathtool, sign in with a code once, then with a recovery code once", async () => {
    const browser = await launchBrowser();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    try {
      const account = await signUpOnPage(
        page,
        server.url,
        {
          name: "Grace Hopper",
          email: "grace@example.com",
          password: "compile the fleet 1952",
          organization: "Hopper Labs",
        },
        "auth-1",
      );
      expect(page.url()).toBe(`${server.url}/o/hopper-labs/fleet`);
      expect(account.recoveryCodes).toHaveLength(10);
      await screenshot(page, "auth-1-dashboard");
      await signOut(page);

      // A code for a step not yet used signs in…
      const code = await nextStepCode(account.secret);
      expect(await signInOnPage(page, server.url, account, { code }, "auth-2")).toBeNull();
      await signOut(page);
      // …and the very same code is refused the second time, with the generic message.
      const again = await signInOnPage(page, server.url, account, { code });
      expect(again).toBe("Sign-in failed. Check your email, password and code, then try again.");
      await screenshot(page, "auth-3-code-reused");

      const recoveryCode = account.recoveryCodes[0] as string;
      expect(await signInOnPage(page, server.url, account, { recoveryCode }, "auth-4")).toBeNull();
      await signOut(page);
      expect(await signInOnPage(page, server.url, account, { recoveryCode })).toMatch(
        /^Sign-in failed/,
      );
      await screenshot(page, "auth-5-recovery-reused");
    } finally {
      await browser.close();
    }
  });
});
