import { consumeTotp, resetMemberTotp, uniqueSlug } from "@fleetdeck/auth";
import { Role } from "@fleetdeck/db";
import { z } from "zod";
import { AppError } from "../errors";
import { adminProcedure, authedProcedure, memberProcedure, router } from "../trpc";
import { createInvite, listInvites, revokeInvite } from "./invites.service";
import { assertMayResetTotp, changeRole, listMembers, removeMember } from "./members.service";
import { urlForAudit } from "./webhook-url";
import {
  getWebhook,
  removeWebhook,
  rotateWebhookSecret,
  setWebhook,
  testWebhook,
} from "./webhook.service";

const roleSchema = z.enum(Object.values(Role) as [Role, ...Role[]]);
const stepUpCode = z
  .string()
  .regex(/^\s*\d{3}\s?\d{3}\s*$/, "Enter the 6-digit code from your authenticator app.");

export const orgRouter = router({
  /** A new organization; its creator is the owner. */
  create: authedProcedure
    .input(z.object({ name: z.string().trim().min(1).max(80) }))
    .mutation(async ({ ctx, input }) => {
      const slug = await uniqueSlug({ db: ctx.db, keyring: ctx.keyring }, input.name);
      const org = await ctx.db.prisma.organization.create({
        data: { slug, name: input.name },
        select: { id: true, slug: true },
      });
      await ctx.db.prisma.membership.create({
        data: { organizationId: org.id, userId: ctx.viewer.user.id, role: "owner" },
      });
      if (ctx.audit)
        Object.assign(ctx.audit, {
          organizationId: org.id,
          targetType: "organization",
          targetId: org.id,
        });
      return org;
    }),

  members: memberProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.organizationId)),

  changeRole: adminProcedure
    .input(z.object({ userId: z.uuid(), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      await changeRole(ctx.db, ctx.membership, ctx.organizationId, input.userId, input.role);
      if (ctx.audit) Object.assign(ctx.audit, { targetType: "user", targetId: input.userId });
      return { ok: true };
    }),

  removeMember: adminProcedure
    .input(z.object({ userId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.db, ctx.membership, ctx.organizationId, input.userId);
      if (ctx.audit) Object.assign(ctx.audit, { targetType: "user", targetId: input.userId });
      return { ok: true };
    }),

  /** Forces re-enrollment at the member's next login; needs a fresh code from the admin. */
  resetTotp: adminProcedure
    .input(z.object({ userId: z.uuid(), code: stepUpCode }))
    .mutation(async ({ ctx, input }) => {
      await assertMayResetTotp(
        ctx.db,
        { role: ctx.membership.role, userId: ctx.viewer.user.id },
        ctx.organizationId,
        input.userId,
      );
      if (
        !(await consumeTotp({ db: ctx.db, keyring: ctx.keyring }, ctx.viewer.user.id, input.code))
      ) {
        throw new AppError(
          "UNAUTHORIZED",
          "That code did not work. Enter a fresh code from your authenticator app.",
        );
      }
      await resetMemberTotp(
        { db: ctx.db, keyring: ctx.keyring },
        {
          organizationId: ctx.organizationId,
          targetUserId: input.userId,
          actor: { userId: ctx.viewer.user.id, email: ctx.viewer.user.email },
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        },
      );
      if (ctx.audit) ctx.audit.skip = true;
      return { ok: true };
    }),

  invites: adminProcedure.query(({ ctx }) => listInvites(ctx.db, ctx.organizationId)),

  createInvite: adminProcedure
    .input(
      z.object({
        role: roleSchema,
        email: z.email().optional().or(z.literal("")),
        expiresInHours: z.number().int().min(1).max(720).default(72),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const invite = await createInvite(ctx.db, {
        organizationId: ctx.organizationId,
        actor: { userId: ctx.viewer.user.id, role: ctx.membership.role },
        role: input.role,
        email: input.email || undefined,
        expiresInHours: input.expiresInHours,
        publicUrl: ctx.publicUrl,
      });
      if (ctx.audit) Object.assign(ctx.audit, { targetType: "invite", targetId: invite.id });
      return invite;
    }),

  revokeInvite: adminProcedure
    .input(z.object({ inviteId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await revokeInvite(ctx.db, ctx.organizationId, input.inviteId);
      if (ctx.audit) Object.assign(ctx.audit, { targetType: "invite", targetId: input.inviteId });
      return { ok: true };
    }),

  /** Where rollout events go; the secret itself never leaves the server after it is set. */
  /** Crash collection settings: whether agents send vmcores along with their reports. */
  crashSettings: memberProcedure.query(async ({ ctx }) =>
    ctx.db.prisma.organization.findUniqueOrThrow({
      where: { id: ctx.organizationId },
      select: { collectVmcores: true },
    }),
  ),

  setCrashSettings: adminProcedure
    .input(z.object({ collectVmcores: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.prisma.organization.update({
        where: { id: ctx.organizationId },
        data: { collectVmcores: input.collectVmcores },
      });
      if (ctx.audit)
        Object.assign(ctx.audit, {
          targetType: "organization",
          targetId: ctx.organizationId,
          details: { collectVmcores: input.collectVmcores },
        });
      return { collectVmcores: input.collectVmcores };
    }),

  webhook: adminProcedure.query(({ ctx }) => getWebhook(ctx.db, ctx.keyring, ctx.organizationId)),

  /** Saves the URL with a fresh signing secret, returned this once. */
  setWebhook: adminProcedure
    .input(z.object({ url: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const saved = await setWebhook(ctx.db, ctx.keyring, ctx.organizationId, input.url);
      if (ctx.audit)
        Object.assign(ctx.audit, {
          targetType: "organization",
          targetId: ctx.organizationId,
          details: { url: urlForAudit(saved.url) },
        });
      return saved;
    }),

  rotateWebhookSecret: adminProcedure.mutation(async ({ ctx }) => {
    const rotated = await rotateWebhookSecret(ctx.db, ctx.keyring, ctx.organizationId);
    if (ctx.audit)
      Object.assign(ctx.audit, { targetType: "organization", targetId: ctx.organizationId });
    return rotated;
  }),

  removeWebhook: adminProcedure.mutation(async ({ ctx }) => {
    const { removedUrl } = await removeWebhook(ctx.db, ctx.organizationId);
    if (ctx.audit)
      Object.assign(ctx.audit, {
        targetType: "organization",
        targetId: ctx.organizationId,
        details: { url: removedUrl ? urlForAudit(removedUrl) : null },
      });
    return { ok: true };
  }),

  /** Sends a signed `webhook.test` event now and reports the receiver's answer. */
  testWebhook: adminProcedure.mutation(async ({ ctx }) => {
    const result = await testWebhook(
      ctx.db,
      ctx.keyring,
      ctx.organizationId,
      ctx.viewer.user.email,
    );
    if (ctx.audit)
      Object.assign(ctx.audit, {
        targetType: "organization",
        targetId: ctx.organizationId,
        details: { ok: result.ok, status: result.status },
      });
    return result;
  }),
});
