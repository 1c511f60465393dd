import type { Db } from "@fleetdeck/db";
import type pg from "pg";
import type { CommandSigner } from "../../fleet/command-signer";
import { type EmittedEvent, recordRolloutEvent } from "../events";
import { allowedFailures, type Strategy, strategySchema } from "../strategy";
import { cancelUndelivered, dispatchWave } from "./dispatch";
import { evaluateHost, FAILED_STATES, type Observed } from "./evaluate";
import { stepRollback, startRollback } from "./rollback";

export interface EngineDeps {
  db: Db;
  signer: CommandSigner;
  /** This instance's lease name; null steps regardless of the lease (tests, operations). */
  owner: string | null;
}

export interface RolloutRow {
  id: string;
  organization_id: string;
  revision_id: string;
  state: string;
  current_wave: number;
  strategy: unknown;
  lease_owner: string | null;
  created_by_id: string;
}

export interface StepContext {
  deps: EngineDeps;
  client: pg.PoolClient;
  rollout: RolloutRow;
  strategy: Strategy;
  revision: { id: string; hash: string; spec: unknown; policyName: string };
  now: Date;
  events: EmittedEvent[];
  event(type: string, message: string, details?: Record<string, unknown>): Promise<void>;
}

/**
 * One step of a rollout's state machine, in one transaction holding the rollout's row
 * lock: operations (pause, abort…) and other instances wait, so a decision and the
 * dispatch it causes can never interleave with an abort. Every effect is idempotent
 * (commands carry the key rollout:host:revision:attempt), so a step cut short by a crash
 * is simply taken again. Returns the events to send as webhooks after commit.
 */
export async function stepRollout(
  deps: EngineDeps,
  rolloutId: string,
  now = new Date(),
): Promise<EmittedEvent[]> {
  const client = await deps.db.pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<RolloutRow>(
      "SELECT * FROM rollout WHERE id = $1 FOR UPDATE",
      [rolloutId],
    );
    const rollout = rows[0];
    if (!rollout || (deps.owner && rollout.lease_owner !== deps.owner)) {
      await client.query("ROLLBACK");
      return [];
    }
    const { rows: revisions } = await client.query<{
      id: string;
      hash: string;
      spec: unknown;
      name: string;
    }>(
      "SELECT r.id, r.hash, r.spec, p.name FROM policy_revision r JOIN policy p ON p.id = r.policy_id WHERE r.id = $1",
      [rollout.revision_id],
    );
    const revision = revisions[0];
    if (!revision) throw new Error(`rollout ${rolloutId} has no revision`);
    const ctx: StepContext = {
      deps,
      client,
      rollout,
      strategy: strategySchema.parse(rollout.strategy),
      revision: {
        id: revision.id,
        hash: revision.hash,
        spec: revision.spec,
        policyName: revision.name,
      },
      now,
      events: [],
      async event(type, message, details) {
        ctx.events.push(
          await recordRolloutEvent(
            client,
            { id: rollout.id, organizationId: rollout.organization_id },
            { type, message, details },
          ),
        );
      },
    };
    if (rollout.state === "rolling_back") await stepRollback(ctx);
    else if (["running", "paused", "awaiting_approval"].includes(rollout.state))
      await stepWaves(ctx);
    await client.query("COMMIT");
    return ctx.events;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

interface WaveRow {
  index: number;
  size: number;
  state: string;
  dispatched_at: Date | null;
  deadline_at: Date | null;
  bake_until: Date | null;
  approved_at: Date | null;
}

async function stepWaves(ctx: StepContext): Promise<void> {
  for (let guard = 0; guard < 50; guard++) {
    const { rows } = await ctx.client.query<WaveRow>(
      "SELECT * FROM rollout_wave WHERE rollout_id = $1 AND index = $2",
      [ctx.rollout.id, ctx.rollout.current_wave],
    );
    const wave = rows[0];
    if (!wave) return;
    if (wave.state === "baking") await judgeWave(ctx, wave);
    if (await overBudget(ctx, wave)) return;
    const next = await advance(ctx, wave);
    if (!next) return;
  }
}

/** Moves every host of the wave in flight forward from what the server saw since dispatch. */
async function judgeWave(ctx: StepContext, wave: WaveRow): Promise<void> {
  const { rows } = await ctx.client.query<{
    host_id: string;
    name: string;
    state: "applying" | "verified";
    dispatched_at: Date | null;
    verified_at: Date | null;
    boot_id_at_apply: string | null;
    online: boolean;
    last_seen_at: Date | null;
    last_boot_id: string | null;
    drift_detected_at: Date | null;
    applied_hash: string | null;
    applied_at: Date | null;
    cmd_state: string | null;
    finished_at: Date | null;
    output: unknown;
    error: string | null;
    rejection: string | null;
    dry_run: boolean | null;
  }>(
    `SELECT rh.host_id, h.name, rh.state, rh.dispatched_at, rh.verified_at, rh.boot_id_at_apply,
            h.online, h.last_seen_at, h.last_boot_id, h.drift_detected_at, h.applied_hash,
            h.applied_at, c.finished_at, c.state AS cmd_state, c.output, c.error, c.rejection, c.dry_run
       FROM rollout_host rh JOIN host h ON h.id = rh.host_id LEFT JOIN command c ON c.id = rh.command_id
      WHERE rh.rollout_id = $1 AND rh.wave = $2 AND rh.state IN ('applying', 'verified')`,
    [ctx.rollout.id, wave.index],
  );
  if (rows.length === 0) return;
  const crashes = await crashesDuringBake(
    ctx,
    rows.map((r) => r.host_id),
    wave.dispatched_at ?? ctx.now,
  );
  const verified: string[] = [];
  for (const row of rows) {
    const observed: Observed = {
      command: row.cmd_state
        ? {
            state: row.cmd_state,
            finishedAt: row.finished_at,
            output: row.output,
            error: row.error,
            rejection: row.rejection,
            dryRun: row.dry_run ?? false,
          }
        : null,
      host: {
        online: row.online,
        lastSeenAt: row.last_seen_at,
        lastBootId: row.last_boot_id,
        driftDetectedAt: row.drift_detected_at,
        appliedHash: row.applied_hash,
        appliedAt: row.applied_at,
      },
      crash: crashes.get(row.host_id) ?? null,
    };
    const transition = evaluateHost(
      {
        state: row.state,
        dispatchedAt: row.dispatched_at,
        verifiedAt: row.verified_at,
        bootIdAtApply: row.boot_id_at_apply,
      },
      observed,
      {
        now: ctx.now,
        deadlineAt: wave.deadline_at,
        revisionHash: ctx.revision.hash,
        silenceSeconds: ctx.strategy.applyTimeoutSeconds,
      },
    );
    if (!transition) continue;
    if (transition.state === "verified") {
      verified.push(row.host_id);
      continue;
    }
    await ctx.client.query(
      "UPDATE rollout_host SET state = $3, reason = $4, crash_group_id = $5, finished_at = $6 WHERE rollout_id = $1 AND host_id = $2",
      [
        ctx.rollout.id,
        row.host_id,
        transition.state,
        transition.reason,
        transition.crashGroupId ?? null,
        ctx.now,
      ],
    );
    await ctx.event("host_failed", `${row.name}: ${transition.reason}`, {
      hostId: row.host_id,
      state: transition.state,
      wave: wave.index,
    });
  }
  if (verified.length > 0) {
    await ctx.client.query(
      "UPDATE rollout_host SET state = 'verified', verified_at = $3 WHERE rollout_id = $1 AND host_id = ANY($2::uuid[]) AND state = 'applying'",
      [ctx.rollout.id, verified, ctx.now],
    );
  }
}

/** Crashes from these hosts received since the wave went out, as the crash policy counts them. */
async function crashesDuringBake(ctx: StepContext, hostIds: string[], since: Date) {
  const newOnly = ctx.strategy.crashPolicy === "new_signature";
  const { rows } = await ctx.client.query<{ host_id: string; group_id: string; title: string }>(
    `SELECT DISTINCT ON (c.host_id) c.host_id, c.group_id, c.title FROM crash c
      WHERE c.host_id = ANY($1::uuid[]) AND c.received_at >= $2
        AND (NOT $3 OR NOT EXISTS (SELECT 1 FROM crash p WHERE p.host_id = c.host_id AND p.group_id = c.group_id AND p.received_at < $2))
      ORDER BY c.host_id, c.received_at`,
    [hostIds, since, newOnly],
  );
  return new Map(rows.map((r) => [r.host_id, { groupId: r.group_id, title: r.title }]));
}

/** Failures over the wave's or the rollout's budget: stop dispatching, abort, roll back. */
async function overBudget(ctx: StepContext, wave: WaveRow): Promise<boolean> {
  const { rows } = await ctx.client.query<{ wave: number; failed: string; total: string }>(
    `SELECT wave, count(*) FILTER (WHERE state = ANY($2::"RolloutHostState"[])) AS failed, count(*) FILTER (WHERE state <> 'excluded') AS total
       FROM rollout_host WHERE rollout_id = $1 GROUP BY wave`,
    [ctx.rollout.id, FAILED_STATES],
  );
  const inWave = rows.find((r) => r.wave === wave.index);
  const failedInWave = Number(inWave?.failed ?? 0);
  const failedOverall = rows.reduce((n, r) => n + Number(r.failed), 0);
  const total = rows.reduce((n, r) => n + Number(r.total), 0);
  const waveAllowed = allowedFailures(ctx.strategy.failureBudget.perWave, wave.size);
  const overallAllowed = allowedFailures(ctx.strategy.failureBudget.overall, total);
  if (failedInWave <= waveAllowed && failedOverall <= overallAllowed) return false;
  const reason =
    failedInWave > waveAllowed
      ? `${failedInWave} hosts failed in wave ${wave.index}, over its budget of ${waveAllowed}`
      : `${failedOverall} hosts failed, over the rollout's budget of ${overallAllowed}`;
  await abortRollout(ctx, reason);
  return true;
}

export async function abortRollout(ctx: StepContext, reason: string): Promise<void> {
  await ctx.client.query(
    "UPDATE rollout SET state = 'aborted', abort_reason = $2, finished_at = $3 WHERE id = $1",
    [ctx.rollout.id, reason, ctx.now],
  );
  await ctx.client.query(
    "UPDATE rollout_wave SET state = 'failed', finished_at = $2 WHERE rollout_id = $1 AND state = 'baking'",
    [ctx.rollout.id, ctx.now],
  );
  ctx.rollout.state = "aborted";
  await cancelUndelivered(ctx.client, ctx.rollout.id);
  await ctx.event("aborted", `Aborted: ${reason}. No further host gets the revision.`, { reason });
  if (ctx.strategy.rollbackOnAbort) await startRollback(ctx);
}

/** Dispatches a pending wave, or closes a baked one and moves on; true when there is more to do now. */
async function advance(ctx: StepContext, wave: WaveRow): Promise<boolean> {
  const state = ctx.rollout.state;
  if (wave.state === "pending") {
    // Paused means no new wave starts; hosts re-queued in a wave already sent still go.
    const resend = state === "paused" && wave.dispatched_at !== null;
    if (state !== "running" && !resend) return false;
    if (wave.index > 0 && ctx.strategy.approvalBetweenWaves && !wave.approved_at) {
      await ctx.client.query("UPDATE rollout SET state = 'awaiting_approval' WHERE id = $1", [
        ctx.rollout.id,
      ]);
      ctx.rollout.state = "awaiting_approval";
      await ctx.event("awaiting_approval", `Wave ${wave.index} waits for approval.`, {
        wave: wave.index,
      });
      return false;
    }
    await dispatchWave(ctx, wave.index);
    return false;
  }
  if (wave.state !== "baking") return false;
  const { rows } = await ctx.client.query<{ n: string }>(
    "SELECT count(*) AS n FROM rollout_host WHERE rollout_id = $1 AND wave = $2 AND state IN ('queued', 'applying')",
    [ctx.rollout.id, wave.index],
  );
  if (Number(rows[0]?.n ?? 0) > 0) return false;
  // A verified host that is silent right now holds the gate until it is back or failed.
  const { rows: silent } = await ctx.client.query<{ n: string }>(
    "SELECT count(*) AS n FROM rollout_host rh JOIN host h ON h.id = rh.host_id WHERE rh.rollout_id = $1 AND rh.wave = $2 AND rh.state = 'verified' AND NOT h.online",
    [ctx.rollout.id, wave.index],
  );
  if (Number(silent[0]?.n ?? 0) > 0) return false;
  if (!wave.bake_until) {
    const until = new Date(ctx.now.getTime() + ctx.strategy.bakeSeconds * 1000);
    await ctx.client.query(
      "UPDATE rollout_wave SET bake_until = $3 WHERE rollout_id = $1 AND index = $2",
      [ctx.rollout.id, wave.index, until],
    );
    wave.bake_until = until;
    if (ctx.strategy.bakeSeconds > 0)
      await ctx.event(
        "baking",
        `Wave ${wave.index} applied; baking until ${until.toISOString()}.`,
        { wave: wave.index },
      );
  }
  if (ctx.now < wave.bake_until) return false;
  await ctx.client.query(
    "UPDATE rollout_wave SET state = 'passed', finished_at = $3 WHERE rollout_id = $1 AND index = $2",
    [ctx.rollout.id, wave.index, ctx.now],
  );
  await ctx.event("wave_passed", `Wave ${wave.index} passed its gate.`, { wave: wave.index });
  const { rows: more } = await ctx.client.query<{ index: number }>(
    "SELECT index FROM rollout_wave WHERE rollout_id = $1 AND index > $2 ORDER BY index LIMIT 1",
    [ctx.rollout.id, wave.index],
  );
  if (!more[0]) {
    await ctx.client.query(
      "UPDATE rollout SET state = 'completed', finished_at = $2 WHERE id = $1",
      [ctx.rollout.id, ctx.now],
    );
    ctx.rollout.state = "completed";
    await ctx.event("completed", "Every wave passed; the rollout is complete.");
    return false;
  }
  await ctx.client.query("UPDATE rollout SET current_wave = $2 WHERE id = $1", [
    ctx.rollout.id,
    more[0].index,
  ]);
  ctx.rollout.current_wave = more[0].index;
  return state === "running";
}
