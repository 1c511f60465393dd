import type { Prisma as PrismaNamespace } from "./generated/prisma/client";
import type { Db } from "./client";

/** One line of the audit log. `action` is dotted and past-tense: "member.role_changed". */
export interface AuditInput {
  organizationId?: string | null;
  actorUserId?: string | null;
  /** What the actor was called at the time: an email, "system", "agent:<host>". */
  actorLabel: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

type Writer = Pick<Db["prisma"], "auditEvent"> | PrismaNamespace.TransactionClient;

/** Appends to the audit log (a trigger forbids changing it afterwards). */
export async function recordAudit(db: Writer, event: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      organizationId: event.organizationId ?? null,
      actorUserId: event.actorUserId ?? null,
      actorLabel: event.actorLabel,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent?.slice(0, 400) ?? null,
      details: (event.details ?? {}) as PrismaNamespace.InputJsonValue,
    },
  });
}
