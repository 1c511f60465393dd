import { enqueueMany } from "../../fleet/commands.service";
import type { StepContext } from "./step";
import { FAILED_STATES } from "./evaluate";
import type { RolloutHostState } from "@fleetdeck/db";

const ROLLBACK_TTL_SECONDS = 15 * 60;

/** Hosts whose new tree may be in force: these get a rollback command. */
const TOUCHED = ["applying", "verified", "failed", "offline", "crashed"];

export async function startRollback(ctx: StepContext): Promise<void> {
  await ctx.client.query(
    "UPDATE rollout SET state = 'rolling_back', finished_at = NULL WHERE id = $1",
    [ctx.rollout.id],
  );
  ctx.rollout.state = "rolling_back";
  await ctx.event("rolling_back", "Rolling back every host the rollout touched.");
  await dispatchRollbacks(ctx);
}

interface Touched {
  host_id: string;
  attempt: number;
  state: string;
  previous_revision_id: string | null;
  cmd_state: string | null;
  output: { applied?: boolean; restored?: boolean; snapshotId?: string | null } | null;
}

/**
 * Each touched host goes back to what it had: to its pre-apply snapshot when the apply
 * reported one, else to its previous revision, else to "whatever preceded the apply". A
 * host whose apply failed and undid itself (or never started) needs nothing.
 */
async function dispatchRollbacks(ctx: StepContext): Promise<void> {
  const { rows } = await ctx.client.query<Touched>(
    `SELECT rh.host_id, rh.attempt, rh.state, rh.previous_revision_id, c.state AS cmd_state, c.output
       FROM rollout_host rh LEFT JOIN command c ON c.id = rh.command_id
      WHERE rh.rollout_id = $1 AND rh.state = ANY($2::"RolloutHostState"[]) AND rh.rollback_command_id IS NULL AND rh.command_id IS NOT NULL`,
    [ctx.rollout.id, TOUCHED],
  );
  // An apply the agent reports as not taken and undone (a refused batch restores itself;
  // the agent reports it as failed with that output) has nothing to roll back.
  const untouched = rows.filter(
    (r) =>
      (r.cmd_state === "succeeded" || r.cmd_state === "failed") &&
      r.output &&
      r.output.applied === false &&
      r.output.restored === true,
  );
  const neverRan = rows.filter((r) => r.cmd_state === "expired" || r.cmd_state === "cancelled");
  const done = new Set([...untouched, ...neverRan].map((r) => r.host_id));
  // Nothing to undo on these. One that failed keeps its state and reason (why it failed
  // is what a person wants to read); one that was merely waiting is marked rolled back.
  const waiting = [...untouched, ...neverRan]
    .filter((r) => !FAILED_STATES.includes(r.state as RolloutHostState))
    .map((r) => r.host_id);
  if (waiting.length > 0) {
    await ctx.client.query(
      "UPDATE rollout_host SET state = 'rolled_back', reason = 'nothing to undo: the apply never took effect', finished_at = $3 WHERE rollout_id = $1 AND host_id = ANY($2::uuid[])",
      [ctx.rollout.id, waiting, ctx.now],
    );
  }
  const needs = rows.filter((r) => !done.has(r.host_id));
  const previous = new Map<string, { hash: string; spec: unknown; name: string }>();
  for (const id of new Set(
    needs.map((r) => r.previous_revision_id).filter((v): v is string => v !== null),
  )) {
    const { rows: revs } = await ctx.client.query<{ hash: string; spec: unknown; name: string }>(
      "SELECT r.hash, r.spec, p.name FROM policy_revision r JOIN policy p ON p.id = r.policy_id WHERE r.id = $1",
      [id],
    );
    if (revs[0]) previous.set(id, revs[0]);
  }
  const key = (r: Touched) => `rollback:${ctx.rollout.id}:${r.host_id}:${r.attempt}`;
  const commands = needs.map((r) => {
    const snapshotId = r.output?.snapshotId;
    const prev = r.previous_revision_id ? previous.get(r.previous_revision_id) : undefined;
    if (snapshotId)
      return {
        hostId: r.host_id,
        type: "tc.restore" as const,
        args: { target: "snapshot", snapshotId, reason: `rollback of rollout ${ctx.rollout.id}` },
        idempotencyKey: key(r),
      };
    if (prev && r.previous_revision_id) {
      return {
        hostId: r.host_id,
        type: "tc.apply" as const,
        args: {
          revisionId: r.previous_revision_id,
          policyName: prev.name,
          hash: prev.hash,
          spec: prev.spec,
          commitConfirmSeconds: 0,
        },
        idempotencyKey: key(r),
      };
    }
    return {
      hostId: r.host_id,
      type: "tc.restore" as const,
      args: { target: "previous", reason: `rollback of rollout ${ctx.rollout.id}` },
      idempotencyKey: key(r),
    };
  });
  const ids = await enqueueMany({ pool: ctx.client }, ctx.deps.signer, {
    organizationId: ctx.rollout.organization_id,
    commands,
    ttlSeconds: ROLLBACK_TTL_SECONDS,
    createdById: null,
  });
  await ctx.client.query(
    `UPDATE rollout_host rh SET state = 'rolling_back', rollback_command_id = v.command_id
       FROM unnest($2::uuid[], $3::uuid[]) AS v(host_id, command_id)
      WHERE rh.rollout_id = $1 AND rh.host_id = v.host_id`,
    [
      ctx.rollout.id,
      commands.map((c) => c.hostId),
      commands.map((c) => ids.get(`${c.hostId}|${c.idempotencyKey}`) ?? null),
    ],
  );
  await ctx.client.query(
    "UPDATE host h SET desired_revision_id = rh.previous_revision_id FROM rollout_host rh WHERE rh.rollout_id = $1 AND rh.host_id = h.id AND rh.command_id IS NOT NULL",
    [ctx.rollout.id],
  );
}

/** Follows rollback commands to their end; the rollout is rolled back when all are. */
export async function stepRollback(ctx: StepContext): Promise<void> {
  await dispatchRollbacks(ctx);
  await ctx.client.query(
    `UPDATE rollout_host rh SET state = CASE WHEN c.state = 'succeeded' AND (c.type <> 'tc.apply' OR (c.output->>'applied')::boolean IS NOT FALSE OR c.dry_run) THEN 'rolled_back'::"RolloutHostState" ELSE 'rollback_failed'::"RolloutHostState" END,
            reason = CASE WHEN c.state = 'succeeded' THEN rh.reason ELSE concat('rollback ', c.state, coalesce(': ' || c.error, '')) END,
            finished_at = $2
       FROM command c
      WHERE rh.rollout_id = $1 AND rh.state = 'rolling_back' AND c.id = rh.rollback_command_id
        AND c.state IN ('succeeded', 'failed', 'expired', 'cancelled', 'unknown')`,
    [ctx.rollout.id, ctx.now],
  );
  const { rows } = await ctx.client.query<{ pending: string; failed: string }>(
    `SELECT count(*) FILTER (WHERE state = 'rolling_back') AS pending, count(*) FILTER (WHERE state = 'rollback_failed') AS failed
       FROM rollout_host WHERE rollout_id = $1`,
    [ctx.rollout.id],
  );
  if (Number(rows[0]?.pending ?? 0) > 0) return;
  await ctx.client.query(
    "UPDATE rollout SET state = 'rolled_back', finished_at = $2 WHERE id = $1",
    [ctx.rollout.id, ctx.now],
  );
  ctx.rollout.state = "rolled_back";
  const failed = Number(rows[0]?.failed ?? 0);
  await ctx.event(
    "rolled_back",
    failed
      ? `Rolled back, but ${failed} host${failed === 1 ? "" : "s"} could not be restored.`
      : "Every touched host is back to what it had before.",
    { failed },
  );
}
