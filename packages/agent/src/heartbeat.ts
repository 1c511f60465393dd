import {
  AGENT_PATHS,
  type HeartbeatRequest,
  heartbeatResponseSchema,
  type HostFacts,
  type TcStatus,
} from "@fleetdeck/protocol";
import type { ServerApi } from "./api";
import { sleep } from "./backoff";
import { factsHash } from "./facts/hash";
import type { FactsSource } from "./facts/source";
import { errorMessage, type Logger } from "./log";
import type { StatusBoard } from "./state/status";
import { AGENT_VERSION } from "./version";

export interface HeartbeatDeps {
  api: ServerApi;
  facts: FactsSource;
  status: StatusBoard;
  log: Logger;
  signal: AbortSignal;
  dryRun: boolean;
  intervalSeconds: number;
  factsMaxAgeMs: number;
  revokedRetryMs: number;
  /** Called after a heartbeat the server accepted (the outbox may flush now). */
  onAccepted(): void;
  /** tc status for each beat; told when a beat sent at `sentAt` got through (commit-confirm). */
  tc?: { status(): TcStatus; serverReached(sentAt: number): void };
}

/**
 * Beats every interval (the server may change it). Facts travel only when their hash
 * changed since the server last accepted them, when it asked, when a handler asked, or
 * when the last copy is older than `factsMaxAgeMs`.
 */
export class Heartbeat {
  private seq = 0;
  private interval: number;
  private sentHash: string | null = null;
  private sentAt = 0;
  private wanted = true;

  constructor(private readonly deps: HeartbeatDeps) {
    this.interval = deps.intervalSeconds;
    deps.status.update((s) => {
      s.heartbeat.intervalSeconds = this.interval;
    });
  }

  /** The next heartbeat carries the full facts. */
  requestFacts(): void {
    this.wanted = true;
  }

  setInterval(seconds: number): void {
    if (seconds === this.interval) return;
    this.deps.log.info("heartbeat interval changed by the server", { seconds });
    this.interval = seconds;
    this.deps.status.update((s) => {
      s.heartbeat.intervalSeconds = seconds;
    });
  }

  async run(): Promise<void> {
    const { signal } = this.deps;
    while (!signal.aborted) {
      // One bad beat (an unreadable state file, a bug) must not end the heartbeat for good.
      await this.beat().catch((error) =>
        this.deps.log.error("heartbeat failed", { error: errorMessage(error) }),
      );
      const wait = this.deps.api.revoked ? this.deps.revokedRetryMs : this.interval * 1000;
      await sleep(wait, signal);
    }
  }

  async beat(): Promise<void> {
    const { deps } = this;
    const facts = await deps.facts.collect();
    const hash = factsHash(facts);
    const now = Date.now();
    const withFacts =
      this.wanted || hash !== this.sentHash || now - this.sentAt >= deps.factsMaxAgeMs;
    const body = this.request(facts, hash, withFacts);
    const outcome = await this.send(body);
    deps.status.update((s) => {
      s.heartbeat.seq = body.seq;
      s.heartbeat.lastAt = now;
      s.heartbeat.lastOk = outcome.ok;
      s.heartbeat.lastStatus = outcome.status;
      s.heartbeat.lastError = outcome.error;
      if (outcome.ok && withFacts) s.heartbeat.factsSentAt = now;
    });
    if (!outcome.ok) return;
    deps.tc?.serverReached(now);
    if (withFacts) {
      this.sentHash = hash;
      this.sentAt = now;
      this.wanted = false;
    }
    this.wanted ||= outcome.sendFacts;
    if (outcome.interval !== null) this.setInterval(outcome.interval);
    deps.onAccepted();
  }

  private request(facts: HostFacts, hash: string, withFacts: boolean): HeartbeatRequest {
    this.seq += 1;
    return {
      version: 1,
      seq: this.seq,
      bootId: facts.bootId,
      uptimeSeconds: facts.uptimeSeconds,
      agentVersion: AGENT_VERSION,
      factsHash: hash,
      ...(withFacts ? { facts } : {}),
      dryRun: this.deps.dryRun,
      ...(this.deps.tc ? { tc: this.deps.tc.status() } : {}),
    };
  }

  private async send(body: HeartbeatRequest) {
    const failed = (status: number | null, error: string) => ({
      ok: false as const,
      status,
      error,
      sendFacts: false,
      interval: null,
    });
    try {
      const reply = await this.deps.api.post(AGENT_PATHS.heartbeat, body, this.deps.signal);
      if (reply.status < 200 || reply.status >= 300)
        return failed(reply.status, `HTTP ${reply.status}: ${reply.text.slice(0, 200)}`);
      const parsed = heartbeatResponseSchema.safeParse(reply.json);
      if (!parsed.success) return failed(reply.status, "the server's heartbeat reply is malformed");
      const { sendFacts, heartbeatIntervalSeconds } = parsed.data;
      return {
        ok: true as const,
        status: reply.status,
        error: null,
        sendFacts,
        interval: heartbeatIntervalSeconds,
      };
    } catch (error) {
      if (!this.deps.signal.aborted)
        this.deps.log.warn("heartbeat failed", { seq: body.seq, error: errorMessage(error) });
      return failed(null, errorMessage(error));
    }
  }
}
