import type { HostFacts } from "@fleetdeck/protocol";
import type { RequiredFeatures } from "@fleetdeck/tc";
import { z } from "zod";
import { memberProcedure, operatorProcedure, router } from "../trpc";
import {
  addRevision,
  createPolicy,
  diffRevisions,
  listPolicies,
  policyDetail,
  revisionDetail,
} from "./policies.service";
import { applyRevisionToHost, dryRunOnHosts } from "./apply.service";
import { preflight } from "./preflight";

const name = z
  .string()
  .trim()
  .min(1, "Name the policy.")
  .max(80)
  .regex(/^[\w .:/-]+$/, "Use letters, digits, spaces and . _ : / -");

export const policiesRouter = router({
  list: memberProcedure.query(({ ctx }) => listPolicies(ctx.db, ctx.organizationId)),

  get: memberProcedure
    .input(z.object({ policyId: z.uuid() }))
    .query(({ ctx, input }) => policyDetail(ctx.db, ctx.organizationId, input.policyId)),

  revision: memberProcedure
    .input(z.object({ revisionId: z.uuid() }))
    .query(({ ctx, input }) => revisionDetail(ctx.db, ctx.organizationId, input.revisionId)),

  diff: memberProcedure
    .input(z.object({ fromRevisionId: z.uuid(), toRevisionId: z.uuid() }))
    .query(({ ctx, input }) =>
      diffRevisions(ctx.db, ctx.organizationId, input.fromRevisionId, input.toRevisionId),
    ),

  /** Which hosts could take this revision, judged from their facts. */
  preflight: memberProcedure
    .input(z.object({ revisionId: z.uuid(), hostIds: z.array(z.uuid()).max(500).optional() }))
    .query(async ({ ctx, input }) => {
      const revision = await revisionDetail(ctx.db, ctx.organizationId, input.revisionId);
      const hosts = await ctx.db.prisma.host.findMany({
        where: {
          organizationId: ctx.organizationId,
          revokedAt: null,
          ...(input.hostIds ? { id: { in: input.hostIds } } : {}),
        },
        select: { id: true, name: true, online: true, facts: true, kernelRelease: true },
        orderBy: { name: "asc" },
        take: 500,
      });
      return hosts.map((h) => ({
        hostId: h.id,
        name: h.name,
        online: h.online,
        kernelRelease: h.kernelRelease,
        ...preflight(
          revision.spec,
          revision.features as unknown as RequiredFeatures,
          h.facts as HostFacts | null,
        ),
      }));
    }),

  create: operatorProcedure
    .input(
      z.object({
        name,
        description: z.string().max(500).default(""),
        spec: z.unknown(),
        source: z.string().max(200_000).optional(),
        message: z.string().max(500).default(""),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const created = await createPolicy(ctx.db, {
        ...input,
        organizationId: ctx.organizationId,
        author: { userId: ctx.viewer.user.id, email: ctx.viewer.user.email },
      });
      if (ctx.audit)
        Object.assign(ctx.audit, {
          targetType: "policy",
          targetId: created.policyId,
          details: { name: input.name, revision: 1 },
        });
      return created;
    }),

  addRevision: operatorProcedure
    .input(
      z.object({
        policyId: z.uuid(),
        spec: z.unknown(),
        source: z.string().max(200_000).optional(),
        message: z.string().trim().min(1, "Say what changed and why.").max(500),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const created = await addRevision(ctx.db, {
        ...input,
        organizationId: ctx.organizationId,
        author: { userId: ctx.viewer.user.id, email: ctx.viewer.user.email },
      });
      if (ctx.audit)
        Object.assign(ctx.audit, {
          targetType: "policy",
          targetId: input.policyId,
          details: { revision: created.number, message: input.message },
        });
      return created;
    }),

  /** "Apply to this host": try a revision on one machine. */
  applyToHost: operatorProcedure
    .input(z.object({ revisionId: z.uuid(), hostId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const command = await applyRevisionToHost(ctx.db, ctx.commandSigner, {
        ...input,
        organizationId: ctx.organizationId,
        createdById: ctx.viewer.user.id,
      });
      if (ctx.audit)
        Object.assign(ctx.audit, {
          targetType: "host",
          targetId: input.hostId,
          details: { revisionId: input.revisionId, commandId: command.id },
        });
      return command;
    }),

  dryRun: operatorProcedure
    .input(z.object({ revisionId: z.uuid(), hostIds: z.array(z.uuid()).min(1).max(50) }))
    .mutation(async ({ ctx, input }) => {
      const commands = await dryRunOnHosts(ctx.db, ctx.commandSigner, {
        ...input,
        organizationId: ctx.organizationId,
        createdById: ctx.viewer.user.id,
      });
      if (ctx.audit)
        Object.assign(ctx.audit, { targetType: "policy_revision", targetId: input.revisionId });
      return commands;
    }),
});
