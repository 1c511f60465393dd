import { accountRouter } from "./account/account.router";
import { auditRouter } from "./audit/audit.router";
import { crashesRouter } from "./crashes/crashes.router";
import { fleetRouter } from "./fleet/fleet.router";
import { orgRouter } from "./org/org.router";
import { policiesRouter } from "./policies/policies.router";
import { rolloutsRouter } from "./rollouts/rollouts.router";
import { systemRouter } from "./system/system.router";
import { createCallerFactory, router } from "./trpc";
import { viewerRouter } from "./viewer/viewer.router";

export const appRouter = router({
  account: accountRouter,
  audit: auditRouter,
  crashes: crashesRouter,
  fleet: fleetRouter,
  org: orgRouter,
  policies: policiesRouter,
  rollouts: rolloutsRouter,
  system: systemRouter,
  viewer: viewerRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
