import { setMaxListeners } from "node:events";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { SignedCommand } from "@fleetdeck/protocol";
import { simulatedFacts } from "./facts";
import { type AgentEvents, SimAgent } from "./sim-agent";

export interface Beat {
  /** performance.now() when it was sent. */
  at: number;
  ms: number;
  withFacts: boolean;
}

export interface PushOutcome {
  /** Enqueue (or broadcast) to each host's acknowledgement, ms. */
  latencies: number[];
  /** Hosts that had not acknowledged when the wait ended. */
  missing: number;
}

/** Runs `fn` over `items`, at most `limit` at once. */
export async function inPool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Many simulated agents in this one process, and what they observed. */
export class Fleet implements AgentEvents {
  readonly agents: SimAgent[];
  beats: Beat[] = [];
  beatErrors = 0;
  drops = 0;
  refusals = 0;
  /** Problems seen, by kind (ids stripped), with how often. */
  readonly problems = new Map<string, number>();
  private heartbeats: AbortController | null = null;
  private loops: Promise<void>[] = [];
  private pending = new Map<string, number>();
  private latencies: number[] = [];
  private allAcked: (() => void) | null = null;

  constructor(size: number) {
    this.agents = Array.from({ length: size }, (_, i) => new SimAgent(simulatedFacts(i), this));
  }

  /** Forgets what was observed (before the next target). */
  reset(): void {
    this.beats = [];
    this.beatErrors = 0;
    this.drops = 0;
    this.refusals = 0;
    this.problems.clear();
  }

  useServer(base: string, checkHost: boolean): void {
    for (const agent of this.agents) {
      agent.useServer(base);
      agent.checkHost = checkHost;
    }
  }

  async enroll(token: string, concurrency: number): Promise<void> {
    const connections = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    await inPool(this.agents, concurrency, (agent) => agent.enroll(token, connections));
    connections.destroy();
  }

  async connect(concurrency: number): Promise<void> {
    await inPool(this.agents, concurrency, (agent) => agent.connect());
  }

  /** Every agent beats once per interval; their phases are spread evenly over it. */
  startHeartbeats(intervalMs: number): void {
    const stop = new AbortController();
    // Every agent's sleep listens on this one signal.
    setMaxListeners(0, stop.signal);
    this.heartbeats = stop;
    const start = performance.now();
    this.loops = this.agents.map(async (agent, i) => {
      let due = start + (i / this.agents.length) * intervalMs;
      while (!stop.signal.aborted) {
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait, undefined, { signal: stop.signal }).catch(() => {});
        if (stop.signal.aborted) return;
        const at = performance.now();
        try {
          const beat = await agent.heartbeat();
          this.beats.push({ at, ...beat });
        } catch (error) {
          this.beatErrors++;
          this.note(`heartbeat: ${String(error)}`);
        }
        due += intervalMs;
      }
    });
  }

  async stopHeartbeats(): Promise<void> {
    this.heartbeats?.abort();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Latencies (ms) of the heartbeats sent between two performance.now() instants. */
  beatsBetween(from: number, to: number, withFacts = false): number[] {
    return this.beats
      .filter((b) => b.at >= from && b.at < to && b.withFacts === withFacts)
      .map((b) => b.ms);
  }

  /**
   * Starts the clock, runs `trigger` (enqueue, broadcast), and waits until every host in
   * `hostIds` acknowledged, or `timeoutMs`.
   */
  async push(
    hostIds: string[],
    trigger: () => Promise<unknown>,
    timeoutMs = 15_000,
  ): Promise<PushOutcome> {
    this.latencies = [];
    const started = performance.now();
    this.pending = new Map(hostIds.map((id) => [id, started]));
    const done = new Promise<void>((resolve) => {
      this.allAcked = resolve;
    });
    await trigger();
    await Promise.race([done, sleep(timeoutMs)]);
    const outcome = { latencies: this.latencies, missing: this.pending.size };
    this.pending = new Map();
    this.allAcked = null;
    return outcome;
  }

  acked(agent: SimAgent, _command: SignedCommand, at: number): void {
    const started = this.pending.get(agent.hostId);
    if (started === undefined) return;
    this.pending.delete(agent.hostId);
    this.latencies.push(at - started);
    if (this.pending.size === 0) this.allAcked?.();
  }

  dropped(_agent: SimAgent, why: string): void {
    this.drops++;
    this.note(`stream: ${why}`);
  }

  refused(agent: SimAgent, command: SignedCommand): void {
    this.refusals++;
    this.note(`refused command ${command.id} on ${agent.hostId}`);
  }

  failed(_agent: SimAgent, why: string): void {
    this.note(`command: ${why}`);
  }

  private note(problem: string): void {
    const kind = problem.replace(/[0-9a-f-]{36}/g, "…").slice(0, 160);
    this.problems.set(kind, (this.problems.get(kind) ?? 0) + 1);
  }

  /** Lets commands in flight finish (their ack and result), then closes every connection. */
  async close(): Promise<void> {
    await Promise.all(this.agents.map((agent) => agent.settle()));
    for (const agent of this.agents) agent.close();
  }
}
