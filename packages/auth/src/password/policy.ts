import { z } from "zod";
import { commonPasswords } from "./common-passwords";
import { normalisePassword } from "./normalise";

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing cost stays bounded. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "too_short" | "too_long" | "too_common";

export type PasswordCheck = { ok: true } | { ok: false; problem: PasswordProblem; reason: string };

const reasons: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
  too_common: "This password is one of the most common ones; choose another",
};

function problem(p: PasswordProblem): PasswordCheck {
  return { ok: false, problem: p, reason: reasons[p] };
}

/**
 * Rules for a new password, after NIST SP 800-63B: length and a blocklist only. Rules
 * like "one digit and one symbol" push people to `Password1!` and add no strength.
 * Length counts code points of the NFKC form, so an emoji or an accented letter counts
 * once, as the person typing it would count it.
 */
export function checkPasswordPolicy(password: string): PasswordCheck {
  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  if (length < PASSWORD_MIN_LENGTH) return problem("too_short");
  if (length > PASSWORD_MAX_LENGTH) return problem("too_long");
  if (commonPasswords().has(normalised.toLowerCase())) return problem("too_common");
  return { ok: true };
}

/** For forms and route handlers: a new password that passes the policy. */
export const newPasswordSchema = z.string().superRefine((value, ctx) => {
  const check = checkPasswordPolicy(value);
  if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
});
