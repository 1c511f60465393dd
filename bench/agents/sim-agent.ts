import type { KeyObject } from "node:crypto";
import http from "node:http";
import { factsHash } from "@fleetdeck/api";
import {
  AGENT_PATHS,
  type EnrollResponse,
  generateKeyPair,
  type HostFacts,
  importPrivateKey,
  importPublicKey,
  type SignedCommand,
  signRequest,
  STREAM_EVENTS,
  verifyCommandSignature,
} from "@fleetdeck/protocol";
import { exchange, open, type Reply, SseReader } from "./http";

/** TCP connections the simulated agents opened: two per agent when keep-alive holds. */
export const opened = { connections: 0 };

/**
 * TCP keep-alive probe delay of the simulated agents' sockets. The agent's transport.ts
 * uses Node's default, 1 s, and Node 20 (libuv 1.46) then also probes every 1 s: each
 * idle connection sends a probe a second. Ten thousand connections doing that over one
 * loopback overflowed the kernel's per-CPU backlog (netdev_max_backlog 1000; softnet drops
 * in the hundreds of thousands) and streams died with ETIMEDOUT in the bare server's run
 * as in Fleetdeck's. A real fleet spreads those probes over many hosts and NICs, so the
 * simulator probes after 30 s of silence instead (SIM_KEEPALIVE_MS=1000 restores 1 s).
 */
const KEEPALIVE_MS = Number(process.env.SIM_KEEPALIVE_MS ?? 30_000);

/** The agent's own keep-alive pool (its transport.ts: keepAlive, 4 sockets), counting connects. */
function counted(): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4, keepAliveMsecs: KEEPALIVE_MS });
  const connect = agent.createConnection.bind(agent);
  agent.createConnection = (...args: Parameters<typeof connect>) => {
    opened.connections++;
    return connect(...args);
  };
  return agent;
}

export interface AgentEvents {
  /** The agent acknowledged a command (`delivered`) and the server answered, at `at` (performance.now()). */
  acked(agent: SimAgent, command: SignedCommand, at: number): void;
  /** The push stream ended while it was meant to stay open. */
  dropped(agent: SimAgent, why: string): void;
  /** A command failed verification (signature or host): a real agent would refuse it. */
  refused(agent: SimAgent, command: SignedCommand): void;
  /** An ack or result could not be sent. */
  failed(agent: SimAgent, why: string): void;
}

/**
 * One simulated host: its own Ed25519 key and its own keep-alive connections (the stream
 * holds one, heartbeats and acks another), signing every request with the protocol's
 * `signRequest` exactly as the agent's client does, and verifying every command with the
 * pinned server key before acknowledging it.
 */
export class SimAgent {
  readonly keys = generateKeyPair();
  private readonly key: KeyObject = importPrivateKey(this.keys);
  private readonly hash: string;
  hostId = "";
  serverKey: KeyObject | null = null;
  /** Whether a command's host id must be this host's (off for the bare broadcast). */
  checkHost = true;
  private base = "";
  private connections = counted();
  private stream: http.IncomingMessage | null = null;
  private closing = false;
  private seq = 0;
  private factsSent = false;
  private readonly seen = new Set<string>();
  /** Commands still being acknowledged or answered. */
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    readonly facts: HostFacts,
    private readonly events: AgentEvents,
  ) {
    this.hash = factsHash(facts);
  }

  /** Points the agent at a server (new connections; the old ones are closed). */
  useServer(base: string): void {
    this.close();
    this.base = base;
    this.connections = counted();
    this.closing = false;
    // As after an agent restart: the first beat to this server carries the facts again.
    this.factsSent = false;
  }

  async enroll(token: string, connections: http.Agent): Promise<void> {
    const body = Buffer.from(
      JSON.stringify({
        version: 1,
        token,
        publicKey: this.keys.publicKey,
        machineId: this.facts.machineId,
        facts: this.facts,
      }),
    );
    const reply = await exchange(
      connections,
      `${this.base}${AGENT_PATHS.enroll}`,
      "POST",
      { "content-type": "application/json" },
      body,
    );
    if (reply.status !== 201) throw new Error(`enroll answered ${reply.status}: ${reply.text}`);
    const enrolled = JSON.parse(reply.text) as EnrollResponse;
    this.hostId = enrolled.hostId;
    this.serverKey = importPublicKey(enrolled.serverPublicKey);
  }

  private post(path: string, payload: unknown): Promise<Reply> {
    const body = Buffer.from(JSON.stringify(payload));
    const headers = signRequest(this.hostId, this.key, { method: "POST", path, body });
    return exchange(
      this.connections,
      `${this.base}${path}`,
      "POST",
      { ...headers, "content-type": "application/json" },
      body,
    );
  }

  /** One heartbeat, as the agent sends it (facts with the first one); resolves with its latency in ms. */
  async heartbeat(): Promise<{ ms: number; withFacts: boolean }> {
    const withFacts = !this.factsSent;
    this.seq += 1;
    const started = performance.now();
    const reply = await this.post(AGENT_PATHS.heartbeat, {
      version: 1,
      seq: this.seq,
      bootId: this.facts.bootId,
      uptimeSeconds: this.facts.uptimeSeconds + this.seq,
      agentVersion: this.facts.agentVersion,
      factsHash: this.hash,
      ...(withFacts ? { facts: this.facts } : {}),
      dryRun: false,
    });
    const ms = performance.now() - started;
    if (reply.status !== 200)
      throw new Error(`heartbeat answered ${reply.status}: ${reply.text.slice(0, 200)}`);
    this.factsSent = true;
    return { ms, withFacts };
  }

  /** Opens the push stream; resolves at the server's hello. */
  async connect(): Promise<void> {
    const path = AGENT_PATHS.stream;
    const headers = signRequest(this.hostId, this.key, { method: "GET", path, body: "" });
    const res = await open(this.connections, `${this.base}${path}`, {
      ...headers,
      accept: "text/event-stream",
      "cache-control": "no-cache",
    });
    if (res.statusCode !== 200) {
      res.resume();
      throw new Error(`stream answered ${res.statusCode}`);
    }
    this.stream = res;
    const reader = new SseReader();
    await new Promise<void>((resolve, reject) => {
      let hello = false;
      res.on("data", (chunk: Buffer) => {
        for (const event of reader.push(chunk)) {
          if (event.event === STREAM_EVENTS.hello && !hello) {
            hello = true;
            resolve();
          } else if (event.event === STREAM_EVENTS.command) {
            const handled = this.onCommand(JSON.parse(event.data) as SignedCommand)
              .catch((error: unknown) => this.events.failed(this, String(error)))
              .finally(() => this.inflight.delete(handled));
            this.inflight.add(handled);
          }
        }
      });
      let why = "closed";
      res.on("close", () => {
        if (!hello) reject(new Error("stream closed before hello"));
        else if (!this.closing)
          this.events.dropped(this, res.complete ? "ended by the server" : `cut: ${why}`);
      });
      const openedAt = performance.now();
      res.socket.on("end", () => {
        why = `the server closed the connection after ${Math.round((performance.now() - openedAt) / 1000)} s`;
      });
      res.socket.on("error", (error) => {
        why = `${error.message} after ${Math.round((performance.now() - openedAt) / 1000)} s`;
      });
    });
  }

  /** Verify, ack `delivered`, then as the agent does for a quick command: ack `running`, result. */
  private async onCommand(command: SignedCommand): Promise<void> {
    if (this.seen.has(command.id)) return;
    this.seen.add(command.id);
    const good =
      this.serverKey !== null &&
      verifyCommandSignature(this.serverKey, command) &&
      (!this.checkHost || command.hostId === this.hostId) &&
      command.expiresAt > Date.now();
    if (!good) return this.events.refused(this, command);
    const base = `${AGENT_PATHS.commands}/${command.id}`;
    const acked = await this.post(`${base}/ack`, { v: 1, state: "delivered" });
    const at = performance.now();
    if (acked.status !== 200) throw new Error(`ack answered ${acked.status}`);
    this.events.acked(this, command, at);
    const startedAt = Date.now();
    await this.post(`${base}/ack`, { v: 1, state: "running" });
    await this.post(`${base}/result`, {
      v: 1,
      state: "succeeded",
      exitCode: 0,
      output: { pong: true },
      startedAt,
      finishedAt: Date.now(),
    });
  }

  /** Waits until every command received so far was answered. */
  async settle(): Promise<void> {
    await Promise.all(this.inflight);
  }

  close(): void {
    this.closing = true;
    this.stream?.destroy();
    this.stream = null;
    this.connections.destroy();
  }
}
