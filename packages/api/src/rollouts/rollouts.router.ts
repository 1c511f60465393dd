import { consumeTotp } from "@fleetdeck/auth";
import { z } from "zod";
import { AppError } from "../errors";
import { memberProcedure, operatorProcedure, router } from "../trpc";
import { type Operation, operateRollout } from "./operations.service";
import { createRollout, planRollout, targetSchema } from "./plan.service";
import {
  countMatching,
  listRollouts,
  rolloutDetail,
  rolloutsForCrashGroup,
} from "./rollouts.service";
import { strategySchema } from "./strategy";
import { sendWebhooks } from "./webhooks";

const OPERATIONS = [
  "start",
  "pause",
  "resume",
  "approve",
  "abort",
  "rollback",
  "retry_failed",
  "promote",
] as const satisfies readonly Operation[];
const planInput = z.object({
  revisionId: z.uuid(),
  target: targetSchema,
  strategy: strategySchema.partial().default({}),
});

export const rolloutsRouter = router({
  list: memberProcedure.query(({ ctx }) => listRollouts(ctx.db, ctx.organizationId)),

  get: memberProcedure
    .input(z.object({ rolloutId: z.uuid() }))
    .query(({ ctx, input }) => rolloutDetail(ctx.db, ctx.organizationId, input.rolloutId)),

  /** The blast radius before starting: per wave, which hosts, their kernels and open crash groups; who is excluded and why. */
  preview: memberProcedure.input(planInput).query(async ({ ctx, input }) => {
    const plan = await planRollout(ctx.db, ctx.organizationId, input);
    return {
      hosts: plan.hosts,
      waveSizes: plan.waveSizes,
      matched: plan.matched,
      strategy: plan.strategy,
    };
  }),

  matchCount: memberProcedure
    .input(z.object({ target: targetSchema }))
    .query(({ ctx, input }) => countMatching(ctx.db, ctx.organizationId, input.target)),

  forCrashGroup: memberProcedure
    .input(z.object({ groupId: z.uuid() }))
    .query(async ({ ctx, input }) =>
      (await rolloutsForCrashGroup(ctx.db, ctx.organizationId, input.groupId)).map((r) => ({
        ...r,
        crashes: Number(r.crashes),
      })),
    ),

  create: operatorProcedure
    .input(
      planInput.extend({
        name: z.string().trim().min(1, "Name the rollout.").max(120),
        start: z.boolean().default(true),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const created = await createRollout(ctx.db, {
        ...input,
        organizationId: ctx.organizationId,
        createdById: ctx.viewer.user.id,
      });
      if (input.start) {
        const events = await operateRollout(ctx.db, {
          organizationId: ctx.organizationId,
          rolloutId: created.rolloutId,
          operation: "start",
          actor: { userId: ctx.viewer.user.id, email: ctx.viewer.user.email },
        });
        sendWebhooks(ctx.db, ctx.keyring, events);
      }
      if (ctx.audit)
        Object.assign(ctx.audit, { targetType: "rollout", targetId: created.rolloutId });
      return created;
    }),

  operate: operatorProcedure
    .input(
      z.object({
        rolloutId: z.uuid(),
        operation: z.enum(OPERATIONS),
        reason: z.string().max(500).optional(),
        code: z.string().max(10).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.operation === "promote" || input.operation === "approve")
        await requireStepUpIfLarge(ctx, input.rolloutId, input.operation, input.code);
      const events = await operateRollout(ctx.db, {
        organizationId: ctx.organizationId,
        rolloutId: input.rolloutId,
        operation: input.operation,
        actor: { userId: ctx.viewer.user.id, email: ctx.viewer.user.email },
        reason: input.reason,
      });
      sendWebhooks(ctx.db, ctx.keyring, events);
      if (ctx.audit) ctx.audit.skip = true;
      return { ok: true };
    }),
});

/**
 * Releasing a wave larger than the strategy's limit, or the last wave (all hosts), needs a
 * fresh TOTP code from the operator. Approving releases the wave that waits (the current
 * one); promoting releases the one after the wave that bakes.
 */
async function requireStepUpIfLarge(
  ctx: {
    db: Parameters<typeof rolloutDetail>[0];
    keyring: Parameters<typeof consumeTotp>[0]["keyring"];
    organizationId: string;
    viewer: { user: { id: string } };
  },
  rolloutId: string,
  operation: "approve" | "promote",
  code: string | undefined,
) {
  const rollout = await rolloutDetail(ctx.db, ctx.organizationId, rolloutId);
  const released = rollout.currentWave + (operation === "approve" ? 0 : 1);
  const next = rollout.waves.find((w) => w.index === released);
  if (!next) return;
  const isLast = next.index === rollout.waves.length - 1;
  if (next.size <= rollout.strategy.stepUpAbove && !isLast) return;
  if (!code)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Wave ${next.index} reaches ${next.size} hosts${isLast ? " (the last wave)" : ""}: confirm with a code from your authenticator app.`,
      { stepUp: true },
    );
  if (!(await consumeTotp({ db: ctx.db, keyring: ctx.keyring }, ctx.viewer.user.id, code))) {
    throw new AppError(
      "UNAUTHORIZED",
      "That code did not work. Enter a fresh code from your authenticator app.",
      { stepUp: true },
    );
  }
}
