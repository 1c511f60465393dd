import { z } from "zod";
import { CRASH_KINDS, SIGNATURE_VERSION } from "./constants";

export { CRASH_KINDS, SIGNATURE_VERSION };

export const crashKindSchema = z.enum(CRASH_KINDS);
export type CrashKind = z.infer<typeof crashKindSchema>;

export const frameSchema = z.object({
  /** Symbol without compiler suffixes (.cold, .isra.N…); null when only an address was printed. */
  function: z.string().nullable(),
  /** Symbol exactly as printed. */
  symbol: z.string().nullable(),
  offset: z.string().nullable(),
  size: z.string().nullable(),
  /** null for built-in code. */
  module: z.string().nullable(),
  address: z.string().nullable(),
  /** false for `?` frames and ppc `(unreliable)` frames. */
  reliable: z.boolean(),
});
export type Frame = z.infer<typeof frameSchema>;

export const taintSchema = z.object({
  letters: z.string(),
  flags: z.array(z.object({ letter: z.string(), meaning: z.string() })),
});
export type Taint = z.infer<typeof taintSchema>;

export const signatureSchema = z.object({
  version: z.literal(SIGNATURE_VERSION),
  /** Normalized title: canonical headline of the kind + ` in ` + blamed function. */
  primary: z.string(),
  /** Top reliable frames as `function@module`, `function@-` for built-in code. */
  frames: z.array(z.string()),
  /** Short sha256 over function+offset/size of those frames: same build, same path. */
  exact: z.string(),
});
export type Signature = z.infer<typeof signatureSchema>;

export const crashReportSchema = z.object({
  kind: crashKindSchema,
  title: z.string(),
  /** The line that opened the report, as printed (log prefixes removed). */
  headline: z.string(),
  /** Where the report was raised (README rules); null when it could not be found. */
  function: z.string().nullable(),
  /** Module of `function`, `-` for built-in code. */
  module: z.string().nullable(),
  /** The function a human would blame (the caller for generic checkers); named in the title. */
  blamedFunction: z.string().nullable(),
  blamedModule: z.string().nullable(),
  rip: frameSchema.nullable(),
  frames: z.array(frameSchema),
  registers: z.record(z.string(), z.string()),
  kernel: z.string().nullable(),
  taint: taintSchema.nullable(),
  comm: z.string().nullable(),
  pid: z.number().int().nullable(),
  cpu: z.number().int().nullable(),
  hardware: z.string().nullable(),
  /** null when the report did not print `Modules linked in:`. */
  modules: z.array(z.string()).nullable(),
  /** 1-based, inclusive line numbers of the excerpt in the input. */
  lines: z.object({ start: z.number().int(), end: z.number().int() }),
  corrupted: z.boolean(),
  corruptedReason: z.string().nullable(),
  signature: signatureSchema,
});
export type CrashReport = z.infer<typeof crashReportSchema>;
