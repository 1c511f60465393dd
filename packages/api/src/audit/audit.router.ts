import { z } from "zod";
import { adminProcedure, router } from "../trpc";
import { auditFacets, listAuditEvents } from "./audit.service";

/** Read-only by design: there is no procedure that edits or deletes an audit event. */
export const auditRouter = router({
  list: adminProcedure
    .input(
      z.object({
        actorUserId: z.uuid().optional(),
        action: z.string().max(100).optional(),
        from: z.date().optional(),
        to: z.date().optional(),
        page: z.number().int().min(0).default(0),
        pageSize: z.number().int().min(10).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) =>
      listAuditEvents(ctx.db, { ...input, organizationId: ctx.organizationId }),
    ),

  facets: adminProcedure.query(({ ctx }) => auditFacets(ctx.db, ctx.organizationId)),
});
