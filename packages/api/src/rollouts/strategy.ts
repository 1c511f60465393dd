import { z } from "zod";

/** A failure budget: how many hosts may fail (count) or what share of them (percent). */
export const budgetSchema = z.union([
  z.object({ count: z.number().int().min(0) }),
  z.object({ percent: z.number().min(0).max(100) }),
]);

export const strategySchema = z.object({
  /** The first wave: a number of hosts, or chosen hosts. */
  canary: z
    .union([
      z.object({ count: z.number().int().min(0).max(1000) }),
      z.object({ hostIds: z.array(z.uuid()).min(1).max(100) }),
    ])
    .default({ count: 1 }),
  /** Then waves: `percent` is cumulative over the target ("10, 50, 100"); `count` adds that many hosts. */
  waves: z
    .array(
      z.union([
        z.object({ percent: z.number().min(1).max(100) }),
        z.object({ count: z.number().int().min(1) }),
      ]),
    )
    .min(1)
    .max(20)
    .default([{ percent: 100 }]),
  /** After every host of a wave verified, watch this long before the next wave. */
  bakeSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(600),
  /** A host that has not reported this long after dispatch has failed (offline counts as failure). */
  applyTimeoutSeconds: z.number().int().min(10).max(3600).default(300),
  failureBudget: z
    .object({
      perWave: budgetSchema.default({ count: 0 }),
      overall: budgetSchema.default({ count: 0 }),
    })
    .default({ perWave: { count: 0 }, overall: { count: 0 } }),
  /** Wait for a person to approve each wave after the canary. */
  approvalBetweenWaves: z.boolean().default(false),
  /** "any": any crash during a host's bake fails it; "new_signature": only a signature not seen on that host before. */
  crashPolicy: z.enum(["any", "new_signature"]).default("any"),
  rollbackOnAbort: z.boolean().default(true),
  commitConfirmSeconds: z.number().int().min(0).max(3600).default(90),
  /** Promoting into a wave larger than this, or into the last one, needs a fresh TOTP code. */
  stepUpAbove: z.number().int().min(1).default(50),
});

export type Strategy = z.infer<typeof strategySchema>;
export type StrategyInput = z.input<typeof strategySchema>;
export type Budget = z.infer<typeof budgetSchema>;

/** How many failures `budget` allows among `size` hosts. */
export function allowedFailures(budget: Budget, size: number): number {
  return "count" in budget ? budget.count : Math.floor((budget.percent / 100) * size);
}

/**
 * Splits the eligible hosts (in a stable order) into waves: the canary first, then each
 * wave up to its cumulative share. Empty waves are dropped; every host lands in one.
 */
export function planWaves(hostIds: string[], strategy: Strategy): string[][] {
  const canary =
    "hostIds" in strategy.canary
      ? strategy.canary.hostIds.filter((id) => hostIds.includes(id))
      : hostIds.slice(0, strategy.canary.count);
  const rest = hostIds.filter((id) => !canary.includes(id));
  const waves: string[][] = [canary];
  let taken = 0;
  for (const wave of strategy.waves) {
    const until =
      "percent" in wave
        ? Math.ceil((wave.percent / 100) * hostIds.length) - canary.length
        : taken + wave.count;
    const next = rest.slice(taken, Math.max(taken, until));
    waves.push(next);
    taken += next.length;
  }
  if (taken < rest.length) waves.push(rest.slice(taken));
  return waves.filter((w) => w.length > 0);
}
