import type { Db } from "@fleetdeck/db";
import type pg from "pg";
import { AppError } from "../errors";
import { cancelUndelivered } from "./engine/dispatch";
import { type EmittedEvent, recordRolloutEvent, ROLLOUTS_CHANNEL } from "./events";
import { strategySchema } from "./strategy";

export type Operation =
  | "start"
  | "pause"
  | "resume"
  | "approve"
  | "abort"
  | "rollback"
  | "retry_failed"
  | "promote";

interface Actor {
  userId: string;
  email: string;
}

/** Which states an operation may start from. */
const FROM: Record<Operation, string[]> = {
  start: ["draft"],
  pause: ["running", "awaiting_approval"],
  resume: ["paused"],
  approve: ["awaiting_approval"],
  abort: ["running", "paused", "awaiting_approval"],
  rollback: ["completed", "aborted"],
  retry_failed: ["running", "paused", "awaiting_approval", "aborted"],
  promote: ["running", "paused", "awaiting_approval"],
};

/**
 * A person's operation on a rollout, under the same row lock the engine takes: it lands
 * between two steps, never inside one. The worker is woken to act on it at once.
 */
export async function operateRollout(
  db: Db,
  input: {
    organizationId: string;
    rolloutId: string;
    operation: Operation;
    actor: Actor;
    reason?: string;
  },
): Promise<EmittedEvent[]> {
  const client = await db.pool.connect();
  const events: EmittedEvent[] = [];
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{
      id: string;
      organization_id: string;
      state: string;
      current_wave: number;
      strategy: unknown;
    }>(
      "SELECT id, organization_id, state, current_wave, strategy FROM rollout WHERE id = $1 AND organization_id = $2 FOR UPDATE",
      [input.rolloutId, input.organizationId],
    );
    const rollout = rows[0];
    if (!rollout) throw new AppError("NOT_FOUND", "No such rollout in this organization.");
    if (!FROM[input.operation].includes(rollout.state)) {
      throw new AppError(
        "PRECONDITION_FAILED",
        `Cannot ${input.operation.replace("_", " ")} a rollout that is ${rollout.state.replace("_", " ")}.`,
      );
    }
    const event = async (type: string, message: string, details: Record<string, unknown> = {}) => {
      events.push(
        await recordRolloutEvent(
          client,
          { id: rollout.id, organizationId: rollout.organization_id },
          { type, message, details },
          { userId: input.actor.userId, label: input.actor.email },
        ),
      );
    };
    await apply(client, rollout, input, event);
    await client.query("SELECT pg_notify($1, $2)", [ROLLOUTS_CHANNEL, rollout.id]);
    await client.query("COMMIT");
    return events;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

type Event = (type: string, message: string, details?: Record<string, unknown>) => Promise<void>;

async function apply(
  client: pg.PoolClient,
  rollout: { id: string; current_wave: number; strategy: unknown },
  input: { operation: Operation; actor: Actor; reason?: string },
  event: Event,
) {
  const set = (state: string, extra = "") =>
    client.query(`UPDATE rollout SET state = $2${extra} WHERE id = $1`, [rollout.id, state]);
  switch (input.operation) {
    case "start":
      await client.query("UPDATE rollout SET state = 'running', started_at = now() WHERE id = $1", [
        rollout.id,
      ]);
      return event("started", `Started by ${input.actor.email}.`);
    case "pause":
      await set("paused");
      return event("paused", `Paused by ${input.actor.email}: no new wave starts until resumed.`);
    case "resume":
      await set("running");
      return event("resumed", `Resumed by ${input.actor.email}.`);
    case "approve":
      await client.query(
        "UPDATE rollout_wave SET approved_at = now(), approved_by_id = $3 WHERE rollout_id = $1 AND index = $2",
        [rollout.id, rollout.current_wave, input.actor.userId],
      );
      await set("running");
      return event("approved", `Wave ${rollout.current_wave} approved by ${input.actor.email}.`, {
        wave: rollout.current_wave,
      });
    case "abort": {
      const rollback = strategySchema.parse(rollout.strategy).rollbackOnAbort;
      await client.query(
        "UPDATE rollout SET state = $2, abort_reason = $3, finished_at = now() WHERE id = $1",
        [
          rollout.id,
          rollback ? "rolling_back" : "aborted",
          input.reason ?? `aborted by ${input.actor.email}`,
        ],
      );
      await client.query(
        "UPDATE rollout_wave SET state = 'failed', finished_at = now() WHERE rollout_id = $1 AND state = 'baking'",
        [rollout.id],
      );
      await cancelUndelivered(client, rollout.id);
      return event(
        "aborted",
        `Aborted by ${input.actor.email}${input.reason ? `: ${input.reason}` : ""}.${rollback ? " Rolling back." : ""}`,
      );
    }
    case "rollback":
      await client.query(
        "UPDATE rollout SET state = 'rolling_back', finished_at = NULL WHERE id = $1",
        [rollout.id],
      );
      return event("rolling_back", `Rollback started by ${input.actor.email}.`);
    case "retry_failed": {
      // The failed hosts of the latest wave that has any: the wave in flight, or the one
      // just judged when the next has not been sent yet (a paused rollout has moved past it).
      const { rows: found } = await client.query<{ wave: number }>(
        `SELECT max(wave) AS wave FROM rollout_host
          WHERE rollout_id = $1 AND wave <= $2 AND state IN ('failed', 'offline', 'crashed')`,
        [rollout.id, rollout.current_wave],
      );
      const wave = found[0]?.wave ?? null;
      if (wave === null) throw new AppError("PRECONDITION_FAILED", "No failed host to retry.");
      if (wave < rollout.current_wave) {
        const { rows: next } = await client.query<{ state: string }>(
          "SELECT state FROM rollout_wave WHERE rollout_id = $1 AND index = $2",
          [rollout.id, rollout.current_wave],
        );
        if (next[0] && next[0].state !== "pending")
          throw new AppError(
            "PRECONDITION_FAILED",
            `Wave ${rollout.current_wave} is already under way; retry wave ${wave}'s failed hosts once it is judged.`,
          );
      }
      const { rowCount } = await client.query(
        `UPDATE rollout_host SET state = 'queued', attempt = attempt + 1, reason = NULL, command_id = NULL, crash_group_id = NULL, finished_at = NULL
          WHERE rollout_id = $1 AND wave = $2 AND state IN ('failed', 'offline', 'crashed')`,
        [rollout.id, wave],
      );
      await client.query(
        "UPDATE rollout_wave SET state = 'pending', bake_until = NULL, finished_at = NULL WHERE rollout_id = $1 AND index = $2",
        [rollout.id, wave],
      );
      // A paused rollout stays paused: the retried hosts are re-sent (they belong to a wave
      // already under way), no new wave starts.
      await client.query(
        `UPDATE rollout SET current_wave = $2, abort_reason = NULL, finished_at = NULL,
                state = CASE WHEN state = 'paused' THEN 'paused'::"RolloutState" ELSE 'running'::"RolloutState" END
          WHERE id = $1`,
        [rollout.id, wave],
      );
      return event(
        "retry_failed",
        `${rowCount} failed host${rowCount === 1 ? "" : "s"} of wave ${wave} queued again by ${input.actor.email}.`,
        { hosts: rowCount, wave },
      );
    }
    case "promote": {
      await client.query(
        "UPDATE rollout_wave SET bake_until = now() WHERE rollout_id = $1 AND index = $2 AND state = 'baking'",
        [rollout.id, rollout.current_wave],
      );
      await client.query(
        "UPDATE rollout_wave SET approved_at = now(), approved_by_id = $3 WHERE rollout_id = $1 AND index = $2 + 1",
        [rollout.id, rollout.current_wave, input.actor.userId],
      );
      return event(
        "promoted",
        `Promoted by ${input.actor.email}: the rest of wave ${rollout.current_wave}'s bake is skipped.`,
        { wave: rollout.current_wave },
      );
    }
    default:
      return input.operation satisfies never;
  }
}
