import type pg from "pg";

export interface RolloutEventInput {
  type: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface EmittedEvent extends RolloutEventInput {
  rolloutId: string;
  organizationId: string;
  at: Date;
}

type Queryable = Pick<pg.PoolClient, "query">;

/**
 * One line on the rollout's timeline, and the same line in the audit log (every state
 * change is audited). Returned so the caller can send webhooks after its commit.
 */
export async function recordRolloutEvent(
  client: Queryable,
  rollout: { id: string; organizationId: string },
  event: RolloutEventInput,
  actor: { userId: string | null; label: string } = { userId: null, label: "system" },
): Promise<EmittedEvent> {
  const details = event.details ?? {};
  const { rows } = await client.query<{ at: Date }>(
    "INSERT INTO rollout_event (rollout_id, type, message, details) VALUES ($1, $2, $3, $4) RETURNING at",
    [rollout.id, event.type, event.message, JSON.stringify(details)],
  );
  await client.query(
    `INSERT INTO audit_event (organization_id, actor_user_id, actor_label, action, target_type, target_id, details)
     VALUES ($1, $2, $3, $4, 'rollout', $5, $6)`,
    [
      rollout.organizationId,
      actor.userId,
      actor.label,
      `rollout.${event.type}`,
      rollout.id,
      JSON.stringify({ message: event.message, ...details }),
    ],
  );
  return {
    ...event,
    details,
    rolloutId: rollout.id,
    organizationId: rollout.organizationId,
    at: rows[0]?.at ?? new Date(),
  };
}

/** The NOTIFY channel that wakes the rollout worker (on any instance) right away. */
export const ROLLOUTS_CHANNEL = "fleetdeck_rollouts";
