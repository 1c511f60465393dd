import { listActiveSessions, revokeSession } from "@fleetdeck/auth";
import { z } from "zod";
import { AppError } from "../errors";
import { authedProcedure, router } from "../trpc";

export const accountRouter = router({
  /** This person's live sessions, the current one marked. */
  sessions: authedProcedure.query(async ({ ctx }) => {
    const sessions = await listActiveSessions(ctx.db, ctx.viewer.user.id);
    return sessions.map((s) => ({ ...s, current: s.id === ctx.viewer.sessionId }));
  }),

  revokeSession: authedProcedure
    .input(z.object({ sessionId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      if (input.sessionId === ctx.viewer.sessionId)
        throw new AppError("BAD_REQUEST", "Use “Sign out” to end the session you are using.");
      if (!(await revokeSession(ctx.db, ctx.viewer.user.id, input.sessionId)))
        throw new AppError("NOT_FOUND", "That session has already ended.");
      if (ctx.audit) Object.assign(ctx.audit, { targetType: "session", targetId: input.sessionId });
      return { ok: true };
    }),
});
