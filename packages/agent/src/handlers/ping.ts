import { AGENT_VERSION } from "../version";
import type { Handler } from "./types";

export const ping: Handler<"agent.ping"> = async (_args, ctx) => {
  const uptimeSeconds = await ctx.facts.uptimeSeconds();
  return {
    output: {
      pong: true,
      agentVersion: AGENT_VERSION,
      uptimeSeconds,
      agentUptimeSeconds: Math.round((Date.now() - ctx.agentStartedAt) / 1000),
      dryRun: ctx.runner.dryRun,
    },
  };
};
