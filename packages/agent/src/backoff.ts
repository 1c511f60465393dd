export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter (a uniform delay between 0 and min(max, min·2^n)):
 * a thousand agents that lost the server at the same moment do not return in step.
 */
export class Backoff {
  private attempt = 0;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.random = options.random ?? Math.random;
  }

  /** The ceiling of the next delay, before jitter. */
  ceilingMs(): number {
    const { minMs, maxMs } = this.options;
    return Math.min(maxMs, minMs * 2 ** Math.min(this.attempt, 30));
  }

  next(): number {
    const delay = Math.floor(this.random() * this.ceilingMs());
    this.attempt += 1;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}

/** Resolves after `ms`, or early (false) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** A sleep that can also be cut short by `wake()` (the outbox when a new item arrives). */
export class Waker {
  private wakeUp: (() => void) | null = null;
  private pending = false;

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pending || signal.aborted) {
      this.pending = false;
      return;
    }
    const inner = new AbortController();
    const onAbort = () => inner.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    this.wakeUp = onAbort;
    await sleep(ms, inner.signal);
    this.wakeUp = null;
    this.pending = false;
    signal.removeEventListener("abort", onAbort);
  }
}
