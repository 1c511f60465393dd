import type { Handler } from "./types";

/** Re-reads everything (including `ip -V`) and makes the next heartbeat carry it. */
export const factsRefresh: Handler<"facts.refresh"> = async (_args, ctx) => {
  const facts = await ctx.facts.collect(true);
  ctx.requestFacts();
  return { output: facts };
};
