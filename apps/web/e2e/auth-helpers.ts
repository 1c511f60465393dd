import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { screenshot } from "./browser";

const run = promisify(execFile);

/**
 * A TOTP code from oathtool (Debian's, an authenticator independent of our code) for
 * `secret` at `at` (now by default).
 */
export async function oathtool(secret: string, at: Date = new Date()): Promise<string> {
  const { stdout } = await run("/usr/bin/oathtool", [
    "--totp",
    "-b",
    `--now=${at.toISOString()}`,
    secret,
  ]);
  return stdout.trim();
}

/** The next 30 s step's code: a step that has not been used yet, without waiting for it. */
export const nextStepCode = (secret: string) => oathtool(secret, new Date(Date.now() + 30_000));

export interface EnrolledAccount {
  email: string;
  password: string;
  secret: string;
  recoveryCodes: string[];
}

/** Reads the seed off the enrollment page, proves it with oathtool, keeps the recovery codes. */
export async function enrollOnPage(
  page: Page,
  shots?: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secretBox = page.getByTestId("totp-secret");
  await secretBox.waitFor();
  const secret = ((await secretBox.textContent()) ?? "").replace(/\s+/g, "");
  if (shots) await screenshot(page, `${shots}-enroll`);
  await page.getByLabel("Authentication code").fill(await oathtool(secret));
  await page.getByRole("button", { name: "Verify code" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await list.waitFor();
  const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  if (shots) await screenshot(page, `${shots}-recovery-codes`);
  const finish = page.getByRole("button", { name: /Continue to Fleetdeck/ });
  if (!(await finish.isDisabled())) throw new Error("continuing must need the 'I saved them' box");
  await page.getByLabel("I have saved these codes somewhere safe.").check();
  await finish.click();
  return { secret, recoveryCodes };
}

export async function signUpOnPage(
  page: Page,
  baseUrl: string,
  person: { name: string; email: string; password: string; organization: string },
  shots?: string,
): Promise<EnrolledAccount> {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByLabel("Organization name").fill(person.organization);
  if (shots) await screenshot(page, `${shots}-signup`);
  await page.getByRole("button", { name: "Continue to two-factor setup" }).click();
  await page.waitForURL(/\/enroll/);
  const enrolled = await enrollOnPage(page, shots);
  await page.waitForURL(/\/o\/[^/]+\/fleet$/);
  return { email: person.email, password: person.password, ...enrolled };
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/login$/);
}

/** Password, then a code (or a recovery code). Returns the error shown, or null on success. */
export async function signInOnPage(
  page: Page,
  baseUrl: string,
  account: { email: string; password: string },
  factor: { code: string } | { recoveryCode: string },
  shots?: string,
): Promise<string | null> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  if (shots) await screenshot(page, `${shots}-login`);
  await page.getByRole("button", { name: "Continue" }).click();
  if ("recoveryCode" in factor) {
    await page.getByRole("button", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code").fill(factor.recoveryCode);
  } else {
    await page.getByLabel("Authentication code").fill(factor.code);
  }
  if (shots) await screenshot(page, `${shots}-code`);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  const outcome = await Promise.race([
    page.waitForURL(/\/o\/[^/]+\/fleet$|\/account/, { timeout: 15_000 }).then(() => null),
    page
      .getByTestId("form-error")
      .waitFor({ timeout: 15_000 })
      .then(async () => (await page.getByTestId("form-error").textContent()) ?? "error"),
  ]);
  return outcome;
}
