import { z } from "zod";

export const emailSchema = z.email({ message: "Enter a valid email address." }).max(254);
/** Any length is accepted for checking (the policy applies to new passwords only); capped against abuse. */
export const passwordSchema = z.string().min(1, "Enter your password.").max(1024);
export const codeSchema = z
  .string()
  .regex(/^\s*\d{3}\s?\d{3}\s*$/, "Enter the 6-digit code from your authenticator app.");
export const recoveryCodeSchema = z.string().min(6, "Enter a recovery code.").max(64);
export const nameSchema = z.string().trim().min(1, "Enter your name.").max(100);

/** A TOTP code or a recovery code, as the code step sends it. */
export const secondFactorSchema = z.union([
  z.object({ code: codeSchema }),
  z.object({ recoveryCode: recoveryCodeSchema }),
]);
