import { publicProcedure, router } from "../trpc";
import { VERSION } from "../version";

export const systemRouter = router({
  info: publicProcedure.query(() => ({ name: "Fleetdeck", version: VERSION })),
});
