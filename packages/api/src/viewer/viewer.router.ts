import { authedProcedure, router } from "../trpc";

export const viewerRouter = router({
  me: authedProcedure.query(({ ctx }) => ({
    user: ctx.viewer.user,
    memberships: ctx.viewer.memberships,
  })),
});
