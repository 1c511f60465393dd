import type { ServerApi } from "./api";
import { Backoff, Waker } from "./backoff";
import { errorMessage, type Logger } from "./log";
import type { Outbox } from "./outbox";
import type { StatusBoard } from "./state/status";

export interface FlusherDeps {
  outbox: Outbox;
  api: ServerApi;
  status: StatusBoard;
  log: Logger;
  signal: AbortSignal;
  backoff: Backoff;
  revokedRetryMs: number;
}

type Outcome = "empty" | "retry" | "revoked";

/** How long an empty outbox sleeps before looking again (kicks wake it sooner). */
const IDLE_MS = 60_000;

/**
 * Sends queued reports oldest first, one at a time, so the server sees them in order.
 * Woken by a new item, a (re)connected stream or a good heartbeat; otherwise retries
 * with backoff while the server is away.
 */
export function startOutboxFlusher(deps: FlusherDeps): { kick(): void; done: Promise<void> } {
  const waker = new Waker();
  const loop = async () => {
    while (!deps.signal.aborted) {
      const outcome = await flushOnce(deps).catch((error): Outcome => {
        deps.log.error("outbox flush failed", { error: errorMessage(error) });
        return "retry";
      });
      if (outcome === "empty") deps.backoff.reset();
      const wait =
        outcome === "empty"
          ? IDLE_MS
          : outcome === "revoked"
            ? deps.revokedRetryMs
            : deps.backoff.next();
      await waker.wait(wait, deps.signal);
    }
  };
  return { kick: () => waker.wake(), done: loop() };
}

export async function flushOnce(
  deps: Omit<FlusherDeps, "backoff" | "revokedRetryMs">,
): Promise<Outcome> {
  const { outbox, api, log } = deps;
  const counts = () =>
    deps.status.update((s) => {
      s.outbox = { queued: outbox.size, dropped: outbox.dropped };
    });
  for (let entry = await outbox.peek(); entry; entry = await outbox.peek()) {
    if (deps.signal.aborted) return "retry";
    let status: number;
    try {
      status = (await api.post(entry.item.path, entry.item.body, deps.signal)).status;
    } catch (error) {
      log.debug("outbox: server unreachable, keeping reports", { error: errorMessage(error) });
      counts();
      return "retry";
    }
    if (status === 401) return "revoked";
    if (status === 408 || status === 429 || status >= 500) {
      log.warn("outbox: server busy or failing, will retry", { status, path: entry.item.path });
      counts();
      return "retry";
    }
    // 2xx delivered; any other 4xx will never be accepted and must not block the queue.
    if (status >= 300)
      log.warn("outbox: the server refused a report; dropping it", {
        status,
        path: entry.item.path,
      });
    await outbox.remove(entry.name);
    counts();
  }
  return "empty";
}
