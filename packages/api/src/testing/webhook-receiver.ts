import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as the signature covers them. */
  body: string;
}

/** What a receiver does, written as the Settings page tells people to (three lines). */
export function verifyWebhookSignature(secret: string, body: string, header: string | undefined) {
  const expected = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const given = header ?? "";
  return (
    given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  );
}

/**
 * A real HTTP receiver on 127.0.0.1 and a free port that records every POST. `answer`
 * picks the status; "hang" never answers (for timeouts).
 */
export async function startWebhookReceiver(options: { path?: string } = {}) {
  const received: ReceivedWebhook[] = [];
  const waiters: (() => void)[] = [];
  let answer: number | "hang" = 204;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      for (const wake of waiters.splice(0)) wake();
      if (answer === "hang") return;
      // No keep-alive: once closed, the next delivery finds nobody, not a stale socket.
      res.writeHead(answer, {
        connection: "close",
        ...(answer >= 300 && answer < 400 ? { location: "http://127.0.0.1:9/" } : {}),
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.path ?? "/fleetdeck"}`,
    received,
    answerWith(status: number | "hang") {
      answer = status;
    },
    /** Resolves once `count` requests have arrived (rejects after `timeoutMs`). */
    async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`the receiver got ${received.length} of ${count} requests`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
