import type { Role } from "@fleetdeck/db";
import { recordAudit } from "@fleetdeck/db";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { redact } from "./audit/redact";
import type { Context } from "./context";
import { AppError } from "./errors";
import type { ViewerMembership } from "./viewer/viewer.service";

/** What a mutation may add to its automatic audit line. */
export interface AuditNote {
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  /** Set for a mutation that already wrote a richer event itself. */
  skip?: boolean;
  /** Filled in by memberProcedure. */
  organizationId?: string;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field paths for forms: "email", "spec.interfaces.0.name".
        fieldErrors:
          cause instanceof ZodError
            ? cause.issues.map((i) => ({ path: i.path.join("."), message: i.message }))
            : undefined,
        details: cause instanceof AppError ? cause.details : undefined,
        stack: undefined,
      },
    };
  },
});

/** Maps AppError from services to tRPC errors in one place. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

/**
 * Every successful mutation, anywhere, leaves an audit line: who, which organization,
 * the procedure, its (redacted) input, and whatever target the procedure named.
 */
const auditMutations = t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
  if (type !== "mutation") return next();
  const note: AuditNote = {};
  const result = await next({ ctx: { audit: note } });
  if (result.ok && !note.skip && ctx.viewer) {
    await recordAudit(ctx.db.prisma, {
      organizationId: note.organizationId ?? null,
      actorUserId: ctx.viewer.user.id,
      actorLabel: ctx.viewer.user.email,
      action: path,
      targetType: note.targetType ?? null,
      targetId: note.targetId ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details: { ...(redact(await getRawInput()) as Record<string, unknown>), ...note.details },
    });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors).use(auditMutations);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };
export const roleAtLeast = (role: Role, needed: Role) => rank[role] >= rank[needed];

/** Puts the organization and the caller's role in it on the context, or refuses. */
export const memberProcedure = authedProcedure.use(({ ctx, next }) => {
  const membership = ctx.orgSlug
    ? ctx.viewer.memberships.find((m) => m.slug === ctx.orgSlug)
    : undefined;
  if (!membership) {
    // The same answer for "no such organization" and "not yours": names do not leak.
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "You are not a member of this organization.",
    });
  }
  if (ctx.audit) ctx.audit.organizationId = membership.organizationId;
  return next({ ctx: { ...ctx, membership, organizationId: membership.organizationId } });
});

function atLeast(role: Role) {
  return memberProcedure.use(({ ctx, next }) => {
    if (!roleAtLeast(ctx.membership.role, role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${role} role or higher.` });
    }
    return next({ ctx });
  });
}

export const operatorProcedure = atLeast("operator");
export const adminProcedure = atLeast("admin");
export const ownerProcedure = atLeast("owner");

export type MemberContext = Context & { membership: ViewerMembership; organizationId: string };
