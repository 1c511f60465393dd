import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import {
  AGENT_PATHS,
  type CommandAck,
  type CommandResult,
  commandAckSchema,
  commandResultSchema,
  enrollRequestSchema,
  generateKeyPair,
  type HeartbeatRequest,
  heartbeatRequestSchema,
  importPrivateKey,
  importPublicKey,
  type KeyPair,
  labelsSchema,
  readSignatureHeaders,
  type SignedCommand,
  signCommand,
  type UnsignedCommand,
  verifyRequest,
} from "@fleetdeck/protocol";

interface FakeHost {
  id: string;
  publicKey: string;
  machineId: string;
  revoked: boolean;
}

/** A signed request the core routes do not know, for test-specific endpoints. */
export interface FakeRequest {
  method: string;
  /** Path and query. */
  path: string;
  body: Buffer;
  headers: IncomingMessage["headers"];
  hostId: string;
}

export interface FakeServerOptions {
  tokens?: string[];
  heartbeatIntervalSeconds?: number;
  keepaliveMs?: number;
  /** Extra signed endpoints (crashes, uploads); returns false when it does not answer. */
  routes?: (req: FakeRequest, res: ServerResponse) => boolean | Promise<boolean>;
}

/**
 * The agent API as the protocol package describes it, small enough to read in one go:
 * it checks every signature with the protocol's own code and signs commands with its
 * own key. State survives stop()/start() so tests can restart it on the same port.
 */
export class FakeServer {
  readonly keys: KeyPair = generateKeyPair();
  readonly hosts = new Map<string, FakeHost>();
  readonly heartbeats: { hostId: string; body: HeartbeatRequest }[] = [];
  readonly acks: { id: string; ack: CommandAck }[] = [];
  readonly results: { id: string; result: CommandResult }[] = [];
  /** Requests refused for a bad or missing signature, or a replayed nonce. */
  signatureFailures = 0;
  streamConnects = 0;
  /** Requests answered 401 (unknown or revoked host, bad signature). */
  unauthorized = 0;
  sendFacts = false;
  pending: SignedCommand[] = [];
  private readonly tokens: Set<string>;
  private readonly nonces = new Set<string>();
  private readonly streams = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private http: Server | null = null;
  private keepalive: NodeJS.Timeout | null = null;
  port = 0;

  constructor(private readonly options: FakeServerOptions = {}) {
    this.tokens = new Set(options.tokens ?? ["tok_test_0123456789abcdefghij"]);
  }

  /** A new single-use enrollment token. */
  issueToken(): string {
    const token = `tok_test_${randomUUID()}`;
    this.tokens.add(token);
    return token;
  }

  revoke(hostId: string, revoked = true): void {
    const host = this.hosts.get(hostId);
    if (host) host.revoked = revoked;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get interval(): number {
    return this.options.heartbeatIntervalSeconds ?? 1;
  }

  async start(port = this.port): Promise<void> {
    const http = createServer((req, res) => {
      void this.route(req, res).catch((error) => {
        res.writeHead(500).end(String(error));
      });
    });
    http.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
    const address = http.address();
    this.port = typeof address === "object" && address ? address.port : port;
    this.http = http;
    this.keepalive = setInterval(() => {
      for (const s of this.streams) s.write(": keepalive\n\n");
    }, this.options.keepaliveMs ?? 200);
  }

  /** Like a crash: every connection is cut. */
  async stop(): Promise<void> {
    if (this.keepalive) clearInterval(this.keepalive);
    const http = this.http;
    this.http = null;
    for (const socket of this.sockets) socket.destroy();
    this.streams.clear();
    if (http) await new Promise((resolve) => http.close(resolve));
  }

  /** Closes open streams (the agent reconnects). */
  dropStreams(): void {
    for (const s of this.streams) s.destroy();
    this.streams.clear();
  }

  sign(fields: Partial<UnsignedCommand> & { hostId: string }, keys = this.keys): SignedCommand {
    const now = Date.now();
    return signCommand(importPrivateKey(keys), {
      v: 1,
      id: randomUUID(),
      type: "agent.ping",
      args: {},
      idempotencyKey: randomUUID(),
      createdAt: now,
      expiresAt: now + 60_000,
      ...fields,
    });
  }

  /** Queues a command (sent on every connect until its result arrives) and sends it now. */
  push(command: SignedCommand): void {
    this.pending.push(command);
    this.send(command);
  }

  /** Writes one command event to the open streams without queueing it. */
  send(command: unknown): void {
    for (const s of this.streams) s.write(`event: command\ndata: ${JSON.stringify(command)}\n\n`);
  }

  resultsFor(id: string): CommandResult[] {
    return this.results.filter((r) => r.id === id).map((r) => r.result);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = req.url ?? "/";
    if (req.method === "POST" && path === AGENT_PATHS.enroll) return this.enroll(body, res);
    const host = this.authenticate(req, path, body);
    if (!host) {
      this.unauthorized += 1;
      return void res.writeHead(401).end('{"error":"unauthorized"}');
    }
    if (req.method === "GET" && path === AGENT_PATHS.stream) return this.openStream(host, res);
    if (req.method === "POST" && path === AGENT_PATHS.heartbeat) {
      this.heartbeats.push({ hostId: host.id, body: heartbeatRequestSchema.parse(json(body)) });
      return reply(res, 200, {
        version: 1,
        serverTime: Date.now(),
        sendFacts: this.sendFacts,
        heartbeatIntervalSeconds: this.interval,
      });
    }
    const match = path.match(/^\/api\/agent\/v1\/commands\/([0-9a-f-]{36})\/(ack|result)$/);
    if (req.method === "POST" && match) {
      const [, id, what] = match as [string, string, string];
      if (what === "ack") this.acks.push({ id, ack: commandAckSchema.parse(json(body)) });
      else {
        this.results.push({ id, result: commandResultSchema.parse(json(body)) });
        this.pending = this.pending.filter((c) => c.id !== id);
      }
      return reply(res, 200, { ok: true });
    }
    const { method = "GET", headers } = req;
    if (await this.options.routes?.({ method, path, body, headers, hostId: host.id }, res)) return;
    res.writeHead(404).end();
  }

  private enroll(body: Buffer, res: ServerResponse): void {
    const raw = json(body) as Record<string, unknown>;
    const request = enrollRequestSchema.parse(raw);
    if (!this.tokens.delete(request.token)) {
      reply(res, 401, { error: "bad token" });
      return;
    }
    const clone = [...this.hosts.values()].find((h) => h.machineId === request.machineId);
    const id = randomUUID();
    this.hosts.set(id, {
      id,
      publicKey: request.publicKey,
      machineId: request.machineId,
      revoked: false,
    });
    reply(res, 201, {
      version: 1,
      hostId: id,
      serverPublicKey: this.keys.publicKey,
      heartbeatIntervalSeconds: this.interval,
      labels: labelsSchema.parse(raw.labels ?? {}),
      possibleCloneOf: clone?.id ?? null,
    });
  }

  private authenticate(req: IncomingMessage, path: string, body: Buffer): FakeHost | null {
    const parsed = readSignatureHeaders((name) => req.headers[name] as string | undefined);
    const host = parsed ? this.hosts.get(parsed.hostId) : undefined;
    if (!parsed || !host || host.revoked) return null;
    const parts = { method: req.method ?? "GET", path, body };
    const ok = verifyRequest(importPublicKey(host.publicKey), parsed, parts).ok;
    if (!ok || this.nonces.has(parsed.nonce)) {
      this.signatureFailures += 1;
      return null;
    }
    this.nonces.add(parsed.nonce);
    return host;
  }

  private openStream(host: FakeHost, res: ServerResponse): void {
    this.streamConnects += 1;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const hello = { serverTime: Date.now(), heartbeatIntervalSeconds: this.interval };
    res.write(`event: hello\ndata: ${JSON.stringify(hello)}\n\n`);
    for (const c of this.pending)
      if (c.hostId === host.id) res.write(`event: command\ndata: ${JSON.stringify(c)}\n\n`);
    this.streams.add(res);
    res.on("close", () => this.streams.delete(res));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const json = (body: Buffer): unknown => JSON.parse(body.toString("utf8") || "null");

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
