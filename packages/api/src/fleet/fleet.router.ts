import { z } from "zod";
import { adminProcedure, memberProcedure, operatorProcedure, router } from "../trpc";
import { enqueueCommand } from "./commands.service";
import {
  createEnrollmentToken,
  listEnrollmentTokens,
  revokeEnrollmentToken,
} from "./enrollment-tokens.service";
import {
  deleteHost,
  fleetFacets,
  HOST_SORTS,
  hostCommands,
  hostDetail,
  listHosts,
  resolveClone,
  revokeHost,
  setHostLabels,
} from "./hosts.service";
import { parseLabels } from "./labels";

const hostId = z.object({ hostId: z.uuid() });

/** Commands people may start from the dashboard (rollouts queue tc commands themselves). */
const MANUAL_COMMANDS = [
  "agent.ping",
  "facts.refresh",
  "diagnostics.collect",
  "tc.snapshot",
  "tc.restore",
  "crash.collect",
] as const;

export const fleetRouter = router({
  hosts: memberProcedure
    .input(
      z.object({
        search: z.string().trim().max(100).optional(),
        status: z.enum(["online", "offline", "revoked", "clone"]).optional(),
        labels: z.string().max(500).optional(),
        kernel: z.string().max(128).optional(),
        sort: z.enum(HOST_SORTS).default("name"),
        direction: z.enum(["asc", "desc"]).default("asc"),
        page: z.number().int().min(0).default(0),
        pageSize: z.number().int().min(10).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) =>
      listHosts(ctx.db, {
        ...input,
        search: input.search || undefined,
        labels: input.labels ? parseLabels(input.labels) : undefined,
        organizationId: ctx.organizationId,
      }),
    ),

  facets: memberProcedure.query(({ ctx }) => fleetFacets(ctx.db, ctx.organizationId)),

  host: memberProcedure
    .input(hostId)
    .query(({ ctx, input }) => hostDetail(ctx.db, ctx.organizationId, input.hostId)),

  commands: memberProcedure
    .input(hostId)
    .query(({ ctx, input }) => hostCommands(ctx.db, ctx.organizationId, input.hostId)),

  setLabels: operatorProcedure
    .input(hostId.extend({ labels: z.string().max(2000) }))
    .mutation(async ({ ctx, input }) => {
      await setHostLabels(ctx.db, ctx.organizationId, input.hostId, parseLabels(input.labels));
      if (ctx.audit) Object.assign(ctx.audit, { targetType: "host", targetId: input.hostId });
      return { ok: true };
    }),

  runCommand: operatorProcedure
    .input(
      hostId.extend({
        type: z.enum(MANUAL_COMMANDS),
        args: z.record(z.string(), z.unknown()).default({}),
        ttlSeconds: z.number().int().min(10).max(86_400).default(600),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const command = await enqueueCommand(ctx.db, ctx.commandSigner, {
        organizationId: ctx.organizationId,
        hostId: input.hostId,
        type: input.type,
        args: input.args,
        ttlSeconds: input.ttlSeconds,
        createdById: ctx.viewer.user.id,
      });
      if (ctx.audit)
        Object.assign(ctx.audit, {
          targetType: "host",
          targetId: input.hostId,
          details: { commandId: command.id },
        });
      return command;
    }),

  revoke: adminProcedure.input(hostId).mutation(async ({ ctx, input }) => {
    await revokeHost(ctx.db, ctx.organizationId, input.hostId);
    if (ctx.audit) Object.assign(ctx.audit, { targetType: "host", targetId: input.hostId });
    return { ok: true };
  }),

  delete: adminProcedure.input(hostId).mutation(async ({ ctx, input }) => {
    await deleteHost(ctx.db, ctx.organizationId, input.hostId);
    if (ctx.audit) Object.assign(ctx.audit, { targetType: "host", targetId: input.hostId });
    return { ok: true };
  }),

  resolveClone: adminProcedure
    .input(hostId.extend({ decision: z.enum(["new_host", "rekey_original"]) }))
    .mutation(async ({ ctx, input }) => {
      await resolveClone(ctx.db, ctx.organizationId, input.hostId, input.decision, {
        userId: ctx.viewer.user.id,
        email: ctx.viewer.user.email,
      });
      if (ctx.audit) ctx.audit.skip = true;
      return { ok: true };
    }),

  enrollmentTokens: adminProcedure.query(({ ctx }) =>
    listEnrollmentTokens(ctx.db, ctx.organizationId),
  ),

  createEnrollmentToken: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "Name the token (where will it be used?).").max(80),
        labels: z.string().max(2000).default(""),
        maxUses: z.number().int().min(1).max(100_000).nullable().default(null),
        expiresInHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 90)
          .default(24),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const created = await createEnrollmentToken(ctx.db, {
        ...input,
        labels: parseLabels(input.labels),
        organizationId: ctx.organizationId,
        createdById: ctx.viewer.user.id,
        publicUrl: ctx.publicUrl,
      });
      if (ctx.audit)
        Object.assign(ctx.audit, { targetType: "enrollment_token", targetId: created.id });
      return created;
    }),

  revokeEnrollmentToken: adminProcedure
    .input(z.object({ tokenId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await revokeEnrollmentToken(ctx.db, ctx.organizationId, input.tokenId);
      if (ctx.audit)
        Object.assign(ctx.audit, { targetType: "enrollment_token", targetId: input.tokenId });
      return { ok: true };
    }),
});
