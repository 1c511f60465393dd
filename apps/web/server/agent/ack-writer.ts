import type { Db } from "@fleetdeck/db";
import { Batcher } from "./batcher";
import { UUID } from "./host-cache";

type AckState = "delivered" | "running";

interface Ack {
  hostId: string;
  id: string;
  state: AckState;
}

/**
 * Command acks, gathered for a few milliseconds and written with one UPDATE per state:
 * a rollout wave makes a thousand agents ack within the same second, and one Prisma
 * `updateMany` each held a pool connection ~1.3 ms (1,000 acks: 1.4 s of pool time,
 * against 15 ms for one statement), which the heartbeats' nonce claims then queued behind.
 *
 * The same transitions as `acknowledgeCommand` in packages/api, which stays the one-row
 * form: `delivered` only from queued; `running` from queued or delivered (stamping both
 * times); never backwards. Found = the command exists for that host, moved or not.
 */
export class AckWriter {
  private readonly batcher: Batcher<Ack, boolean>;

  constructor(
    private readonly db: Db,
    windowMs = 5,
  ) {
    this.batcher = new Batcher((acks) => this.write(acks), windowMs);
  }

  ack(hostId: string, id: string, state: AckState): Promise<boolean> {
    if (!UUID.test(id)) return Promise.resolve(false);
    return this.batcher.add({ hostId, id, state });
  }

  private async write(batch: Ack[]): Promise<boolean[]> {
    const now = new Date();
    // `delivered` first: an agent sends `running` only after its `delivered` was answered,
    // but two requests of one batch could still name the same command.
    const key = (a: { hostId: string; id: string }) => `${a.hostId}:${a.id}`;
    const moved = new Set([
      ...(await this.move(
        batch.filter((a) => a.state === "delivered"),
        "delivered",
        now,
      )),
      ...(await this.move(
        batch.filter((a) => a.state === "running"),
        "running",
        now,
      )),
    ]);
    const rest = batch.filter((a) => !moved.has(key(a)));
    const known = rest.length === 0 ? new Set<string>() : await this.existing(rest);
    return batch.map((a) => moved.has(key(a)) || known.has(key(a)));
  }

  private async move(acks: Ack[], state: AckState, now: Date): Promise<string[]> {
    if (acks.length === 0) return [];
    const from = state === "delivered" ? ["queued"] : ["queued", "delivered"];
    const { rows } = await this.db.pool.query<{ key: string }>(
      `UPDATE command c
          SET state = $3::"CommandState", delivered_at = $4,
              started_at = CASE WHEN $3 = 'running' THEN $4 ELSE c.started_at END
         FROM unnest($1::uuid[], $2::uuid[]) AS a(id, host_id)
        WHERE c.id = a.id AND c.host_id = a.host_id AND c.state = ANY($5::"CommandState"[])
        RETURNING c.host_id || ':' || c.id AS key`,
      [acks.map((a) => a.id), acks.map((a) => a.hostId), state, now, from],
    );
    return rows.map((r) => r.key);
  }

  private async existing(acks: Ack[]): Promise<Set<string>> {
    const { rows } = await this.db.pool.query<{ key: string }>(
      `SELECT c.host_id || ':' || c.id AS key FROM command c
         JOIN unnest($1::uuid[], $2::uuid[]) AS a(id, host_id) ON c.id = a.id AND c.host_id = a.host_id`,
      [acks.map((a) => a.id), acks.map((a) => a.hostId)],
    );
    return new Set(rows.map((r) => r.key));
  }
}
