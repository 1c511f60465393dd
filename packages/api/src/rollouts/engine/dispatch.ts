import { enqueueMany } from "../../fleet/commands.service";
import type { StepContext } from "./step";

/** Time a dispatched apply command may wait for an offline host before it expires. */
const COMMAND_TTL_SECONDS = 15 * 60;

export const applyKey = (rolloutId: string, hostId: string, revisionId: string, attempt: number) =>
  `rollout:${rolloutId}:${hostId}:${revisionId}:${attempt}`;

/**
 * Sends the revision to every queued host of a wave in one batch. The idempotency key
 * (rollout, host, revision, attempt) means a dispatch repeated after a crash finds the
 * commands already there instead of creating second ones.
 */
export async function dispatchWave(ctx: StepContext, wave: number): Promise<void> {
  const { rows: hosts } = await ctx.client.query<{
    host_id: string;
    attempt: number;
    applied_revision_id: string | null;
    last_boot_id: string | null;
  }>(
    `SELECT rh.host_id, rh.attempt, h.applied_revision_id, h.last_boot_id FROM rollout_host rh JOIN host h ON h.id = rh.host_id
      WHERE rh.rollout_id = $1 AND rh.wave = $2 AND rh.state = 'queued' AND h.revoked_at IS NULL`,
    [ctx.rollout.id, wave],
  );
  const args = {
    revisionId: ctx.revision.id,
    policyName: ctx.revision.policyName,
    hash: ctx.revision.hash,
    spec: ctx.revision.spec,
    commitConfirmSeconds: ctx.strategy.commitConfirmSeconds,
    rolloutId: ctx.rollout.id,
  };
  const ids = await enqueueMany({ pool: ctx.client }, ctx.deps.signer, {
    organizationId: ctx.rollout.organization_id,
    commands: hosts.map((h) => ({
      hostId: h.host_id,
      type: "tc.apply",
      args,
      idempotencyKey: applyKey(ctx.rollout.id, h.host_id, ctx.revision.id, h.attempt),
    })),
    ttlSeconds: COMMAND_TTL_SECONDS,
    createdById: ctx.rollout.created_by_id,
  });
  const commandIds = hosts.map(
    (h) =>
      ids.get(`${h.host_id}|${applyKey(ctx.rollout.id, h.host_id, ctx.revision.id, h.attempt)}`) ??
      null,
  );
  await ctx.client.query(
    `UPDATE rollout_host rh SET state = 'applying', command_id = v.command_id, dispatched_at = $3,
            previous_revision_id = v.previous, boot_id_at_apply = v.boot_id, reason = NULL
       FROM unnest($2::uuid[], $4::uuid[], $5::uuid[], $6::text[]) AS v(host_id, command_id, previous, boot_id)
      WHERE rh.rollout_id = $1 AND rh.host_id = v.host_id AND rh.state = 'queued'`,
    [
      ctx.rollout.id,
      hosts.map((h) => h.host_id),
      ctx.now,
      commandIds,
      hosts.map((h) => h.applied_revision_id),
      hosts.map((h) => h.last_boot_id),
    ],
  );
  await ctx.client.query("UPDATE host SET desired_revision_id = $2 WHERE id = ANY($1::uuid[])", [
    hosts.map((h) => h.host_id),
    ctx.revision.id,
  ]);
  const deadline = new Date(ctx.now.getTime() + ctx.strategy.applyTimeoutSeconds * 1000);
  await ctx.client.query(
    "UPDATE rollout_wave SET state = 'baking', dispatched_at = COALESCE(dispatched_at, $3), deadline_at = $4, bake_until = NULL WHERE rollout_id = $1 AND index = $2",
    [ctx.rollout.id, wave, ctx.now, deadline],
  );
  await ctx.event(
    "wave_dispatched",
    `Wave ${wave} sent to ${hosts.length} host${hosts.length === 1 ? "" : "s"}.`,
    { wave, hosts: hosts.length },
  );
}

/**
 * An aborted rollout sends nothing more: its commands still waiting for their host (an
 * offline host, a wave just sent) are cancelled, so a host that comes back later does not
 * apply a revision the rollout gave up on. A command already delivered may be running;
 * the rollback that follows handles it.
 */
export async function cancelUndelivered(
  client: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  rolloutId: string,
): Promise<void> {
  await client.query(
    `UPDATE command SET state = 'cancelled', finished_at = now(),
            error = 'cancelled: the rollout was aborted before this host received the command'
      WHERE state = 'queued'
        AND id IN (SELECT command_id FROM rollout_host WHERE rollout_id = $1 AND command_id IS NOT NULL)`,
    [rolloutId],
  );
}
