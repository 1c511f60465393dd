import { z } from "zod";

/**
 * `tc.apply`: the whole policy revision travels with the command; the agent compiles it
 * against its own interfaces (globs resolve there), applies it as one transaction and
 * reports what happened.
 */
export const tcApplyArgsSchema = z
  .object({
    revisionId: z.uuid(),
    policyName: z.string().max(80),
    /** SHA-256 of the canonical spec: what the agent reports back as applied. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** packages/tc policySpecSchema input. */
    spec: z.unknown(),
    /** Restore the snapshot unless the server is reached within this many seconds (0: off). */
    commitConfirmSeconds: z.number().int().min(0).max(3600).default(90),
    /** Set by rollouts: which rollout and wave asked, for the host's history. */
    rolloutId: z.uuid().optional(),
  })
  .strict();

export type TcApplyArgs = z.infer<typeof tcApplyArgsSchema>;

/** The structured output of `tc.apply` (and of `tc.restore`). */
export const tcApplyOutputSchema = z.object({
  revisionId: z.uuid().nullable(),
  hash: z.string().nullable(),
  /** The new tree is in place and read back equal to the spec. */
  applied: z.boolean(),
  /** Something failed and the previous tree was put back. */
  restored: z.boolean(),
  /** The `tc -batch` line the kernel refused, when it refused one. */
  failingLine: z.string().nullable(),
  /** Read-back differences (why an apply was undone, or what drifted). */
  differences: z.array(z.string()),
  /** The snapshot taken before applying, to restore by id later. */
  snapshotId: z.string().nullable(),
  interfaces: z.array(z.string()),
  durations: z.object({ snapshotMs: z.number(), applyMs: z.number(), readbackMs: z.number() }),
});

export type TcApplyOutput = z.infer<typeof tcApplyOutputSchema>;

/** What a heartbeat says about tc on the host. */
export const tcStatusSchema = z.object({
  appliedRevisionId: z.uuid().nullable(),
  appliedHash: z.string().nullable(),
  /** Unix ms. */
  appliedAt: z.number().int().nullable(),
  /** Waiting for the server to confirm a fresh apply (commit-confirm). */
  pendingConfirm: z.boolean(),
  /** Live state differs from the applied revision. */
  drift: z
    .object({
      detectedAt: z.number().int(),
      differences: z.array(z.string().max(500)).max(200),
      /** The agent re-applied the revision by itself (when configured to). */
      repaired: z.boolean(),
    })
    .nullable(),
});

export type TcStatus = z.infer<typeof tcStatusSchema>;
