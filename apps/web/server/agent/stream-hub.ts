import type { ServerResponse } from "node:http";
import { COMMANDS_CHANNEL, HOSTS_CHANNEL, hostChanges, pendingCommands } from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import { KEEPALIVE_INTERVAL_MS, type SignedCommand, STREAM_EVENTS } from "@fleetdeck/protocol";
import pg from "pg";
import type { Logger } from "../logger";
import type { HostCache } from "./host-cache";

interface Stream {
  res: ServerResponse;
  /** Commands already written on this connection: a wake-up never sends one twice. */
  sent: Set<string>;
}

/**
 * The agents' open streams on this instance, and the LISTEN connection that wakes them.
 * Commands live in PostgreSQL; a NOTIFY with a host id reaches every instance, and the
 * one holding that host's stream sends what is pending. Wake-ups are gathered for a few
 * milliseconds so a thousand at once cost one query.
 */
export class StreamHub {
  private readonly streams = new Map<string, Stream>();
  private wake = new Set<string>();
  private wakeTimer: NodeJS.Timeout | null = null;
  private listener: pg.Client | null = null;
  private readonly keepalive: NodeJS.Timeout;
  private stopped = false;
  /** A host revoked, deleted or re-keyed on this instance: act before the NOTIFY arrives. */
  private readonly onHostChanged = (hostId: string) => {
    this.hosts.forget(hostId);
    this.close(hostId);
  };

  constructor(
    private readonly db: Db,
    private readonly databaseUrl: string,
    private readonly hosts: HostCache,
    private readonly logger: Logger,
    private readonly heartbeatIntervalSeconds: number,
  ) {
    this.keepalive = setInterval(() => {
      for (const stream of this.streams.values()) stream.res.write(": keepalive\n\n");
    }, KEEPALIVE_INTERVAL_MS);
    this.keepalive.unref();
  }

  get size(): number {
    return this.streams.size;
  }

  async start(): Promise<void> {
    hostChanges().on("changed", this.onHostChanged);
    await this.listen();
  }

  /** Keeps the LISTEN connection up; after a reconnect everything pending is re-sent. */
  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: "fleetdeck-listen",
    });
    client.on("notification", (message) => {
      if (!message.payload) return;
      if (message.channel === COMMANDS_CHANNEL) {
        // "*": a batch (a rollout wave) for many hosts; look at every stream held here.
        if (message.payload === "*")
          for (const hostId of this.streams.keys()) this.schedule(hostId);
        else this.schedule(message.payload);
      }
      if (message.channel === HOSTS_CHANNEL) this.onHostChanged(message.payload);
    });
    client.on("error", (error) => {
      this.logger.warn({ err: error }, "LISTEN connection lost; reconnecting");
      void client.end().catch(() => {});
      this.listener = null;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => {}), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${COMMANDS_CHANNEL}`);
      await client.query(`LISTEN ${HOSTS_CHANNEL}`);
      this.listener = client;
      this.hosts.forgetAll();
      for (const hostId of this.streams.keys()) this.schedule(hostId);
    } catch (error) {
      this.logger.warn({ err: error }, "cannot LISTEN yet; retrying");
      void client.end().catch(() => {});
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => {}), 1000).unref();
    }
  }

  /** Takes over the response as this host's stream (replacing an older one). */
  attach(hostId: string, res: ServerResponse): void {
    this.close(hostId);
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.socket?.setNoDelay(true);
    res.socket?.setKeepAlive(true, 30_000);
    const stream: Stream = { res, sent: new Set() };
    this.streams.set(hostId, stream);
    res.on("close", () => {
      if (this.streams.get(hostId) === stream) this.streams.delete(hostId);
    });
    this.write(stream, STREAM_EVENTS.hello, {
      serverTime: Date.now(),
      heartbeatIntervalSeconds: this.heartbeatIntervalSeconds,
    });
    this.schedule(hostId);
  }

  close(hostId: string): void {
    const stream = this.streams.get(hostId);
    if (!stream) return;
    this.streams.delete(hostId);
    stream.res.end();
  }

  private schedule(hostId: string): void {
    if (!this.streams.has(hostId)) return;
    this.wake.add(hostId);
    this.wakeTimer ??= setTimeout(() => void this.deliver(), 5);
  }

  private async deliver(): Promise<void> {
    const hostIds = [...this.wake];
    this.wake = new Set();
    this.wakeTimer = null;
    try {
      for (const command of await pendingCommands(this.db, hostIds)) {
        const stream = this.streams.get(command.hostId);
        if (!stream || stream.sent.has(command.id)) continue;
        stream.sent.add(command.id);
        this.write(stream, STREAM_EVENTS.command, command);
      }
    } catch (error) {
      this.logger.warn({ err: error }, "delivering commands failed; retrying");
      for (const id of hostIds) this.wake.add(id);
      this.wakeTimer ??= setTimeout(() => void this.deliver(), 1000);
    }
  }

  private write(stream: Stream, event: string, data: SignedCommand | object): void {
    stream.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    hostChanges().off("changed", this.onHostChanged);
    clearInterval(this.keepalive);
    for (const hostId of [...this.streams.keys()]) this.close(hostId);
    await this.listener?.end().catch(() => {});
  }
}
