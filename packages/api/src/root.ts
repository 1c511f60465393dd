import { systemRouter } from "./system/system.router";
import { createCallerFactory, router } from "./trpc";
import { viewerRouter } from "./viewer/viewer.router";

export const appRouter = router({
  system: systemRouter,
  viewer: viewerRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
