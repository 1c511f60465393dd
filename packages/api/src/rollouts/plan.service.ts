import type { Db, Prisma } from "@fleetdeck/db";
import type { HostFacts } from "@fleetdeck/protocol";
import type { RequiredFeatures } from "@fleetdeck/tc";
import { z } from "zod";
import { AppError } from "../errors";
import type { Labels } from "../fleet/labels";
import { revisionDetail } from "../policies/policies.service";
import { preflight } from "../policies/preflight";
import { matches, parseSelector } from "./selector";
import { planWaves, type StrategyInput, strategySchema } from "./strategy";

export const targetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("selector"), selector: z.string().max(1000) }),
  z.object({ kind: z.literal("hosts"), hostIds: z.array(z.uuid()).min(1).max(20_000) }),
  z.object({ kind: z.literal("all") }),
]);
export type Target = z.infer<typeof targetSchema>;

export interface PlannedHost {
  hostId: string;
  name: string;
  online: boolean;
  kernel: string | null;
  openCrashGroups: number;
  wave: number | null;
  excluded: string | null;
}

/**
 * Who a rollout would touch, wave by wave: the target resolved now (the set is fixed at
 * start), pre-flight run on each host's facts, failing hosts excluded with the reason.
 */
export async function planRollout(
  db: Db,
  organizationId: string,
  input: { revisionId: string; target: Target; strategy: StrategyInput },
) {
  const strategy = strategySchema.parse(input.strategy);
  const revision = await revisionDetail(db, organizationId, input.revisionId);
  const hosts = await db.prisma.host.findMany({
    where: {
      organizationId,
      revokedAt: null,
      ...(input.target.kind === "hosts" ? { id: { in: input.target.hostIds } } : {}),
    },
    select: { id: true, name: true, online: true, labels: true, kernelRelease: true, facts: true },
    orderBy: { name: "asc" },
  });
  const terms = input.target.kind === "selector" ? parseSelector(input.target.selector) : [];
  const chosen = hosts.filter((h) => matches(terms, h.labels as Labels));
  const openGroups = await db.prisma.$queryRaw<{ host_id: string; n: bigint }[]>`
    SELECT c.host_id, count(DISTINCT c.group_id) AS n FROM crash c JOIN crash_group g ON g.id = c.group_id
    WHERE c.organization_id = ${organizationId}::uuid AND g.status IN ('new', 'triaged', 'regressed') GROUP BY 1`;
  const open = new Map(openGroups.map((g) => [g.host_id, Number(g.n)]));
  const verdicts = new Map(
    chosen.map((h) => [
      h.id,
      preflight(
        revision.spec,
        revision.features as unknown as RequiredFeatures,
        h.facts as HostFacts | null,
      ),
    ]),
  );
  const eligible = chosen.filter((h) => verdicts.get(h.id)?.ok);
  const waves = planWaves(
    eligible.map((h) => h.id),
    strategy,
  );
  const waveOf = new Map(waves.flatMap((ids, index) => ids.map((id) => [id, index] as const)));
  const planned: PlannedHost[] = chosen.map((h) => ({
    hostId: h.id,
    name: h.name,
    online: h.online,
    kernel: h.kernelRelease,
    openCrashGroups: open.get(h.id) ?? 0,
    wave: waveOf.get(h.id) ?? null,
    excluded: verdicts.get(h.id)?.ok
      ? null
      : (verdicts.get(h.id)?.problems.join("; ") ?? "pre-flight failed"),
  }));
  return {
    revision,
    strategy,
    hosts: planned,
    waveSizes: waves.map((w) => w.length),
    matched: chosen.length,
  };
}

/** Creates the rollout as a draft with its fixed host set and waves; `start` sets it going. */
export async function createRollout(
  db: Db,
  input: {
    organizationId: string;
    revisionId: string;
    name: string;
    target: Target;
    strategy: StrategyInput;
    createdById: string;
  },
) {
  const plan = await planRollout(db, input.organizationId, input);
  if (plan.waveSizes.length === 0)
    throw new AppError(
      "PRECONDITION_FAILED",
      "No eligible host: every matching host failed pre-flight, or none matched.",
    );
  return db.prisma.$transaction(async (tx) => {
    const rollout = await tx.rollout.create({
      data: {
        organizationId: input.organizationId,
        revisionId: input.revisionId,
        name: input.name,
        target: input.target as Prisma.InputJsonValue,
        strategy: plan.strategy as unknown as Prisma.InputJsonValue,
        createdById: input.createdById,
      },
      select: { id: true },
    });
    await tx.rolloutWave.createMany({
      data: plan.waveSizes.map((size, index) => ({ rolloutId: rollout.id, index, size })),
    });
    await tx.rolloutHost.createMany({
      data: plan.hosts.map((h) => ({
        rolloutId: rollout.id,
        hostId: h.hostId,
        wave: h.wave ?? -1,
        state: h.excluded ? ("excluded" as const) : ("queued" as const),
        reason: h.excluded,
      })),
    });
    return {
      rolloutId: rollout.id,
      waveSizes: plan.waveSizes,
      excluded: plan.hosts.filter((h) => h.excluded).length,
    };
  });
}
