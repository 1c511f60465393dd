import type { AgentClient, HttpReply } from "./client";
import type { Logger } from "./log";
import type { StatusBoard } from "./state/status";

/**
 * The signed client plus what every subsystem must agree on: a 401 means the server
 * no longer knows this host (revoked or deleted). Say so once, loudly, and let each
 * loop slow down to `revokedRetrySeconds` until a request succeeds again.
 */
export class ServerApi {
  constructor(
    readonly client: AgentClient,
    private readonly status: StatusBoard,
    private readonly log: Logger,
    private readonly revokedRetrySeconds: number,
  ) {}

  get revoked(): boolean {
    return this.status.current.revokedAt !== null;
  }

  async post(path: string, body: unknown, signal?: AbortSignal): Promise<HttpReply> {
    const reply = await this.client.post(path, body, signal);
    this.observe(reply.status, path);
    return reply;
  }

  observe(httpStatus: number, path: string): void {
    if (httpStatus === 401) this.markRevoked(path);
    else if (httpStatus >= 200 && httpStatus < 300) this.clearRevoked();
  }

  markRevoked(path: string): void {
    if (this.revoked) return;
    this.log.error(
      "the server answered 401: this host is revoked or unknown to it; re-enroll with `fleetdeck-agent enroll --force`",
      { path, retryEverySeconds: this.revokedRetrySeconds },
    );
    this.status.update((s) => {
      s.revokedAt = Date.now();
      s.connection = "revoked";
      s.connectedSince = null;
      s.lastError = `401 from ${path}: host revoked or unknown`;
    });
  }

  clearRevoked(): void {
    if (!this.revoked) return;
    this.log.info("the server accepts this host again");
    this.status.update((s) => {
      s.revokedAt = null;
      if (s.connection === "revoked") s.connection = "disconnected";
    });
  }
}
