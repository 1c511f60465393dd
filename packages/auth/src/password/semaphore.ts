/** Thrown when the wait queue is full: the caller should answer "try again shortly" (503/429). */
export class BusyError extends Error {
  override name = "BusyError";
  readonly code = "busy";
  constructor(message = "Too many password checks are in progress; try again in a moment") {
    super(message);
  }
}

export interface SemaphoreOptions {
  /** Tasks allowed to run at once. */
  concurrency: number;
  /** Tasks allowed to wait for a slot; one more is refused with BusyError. */
  maxQueue: number;
}

/**
 * A counting semaphore with a bounded FIFO queue. An unbounded queue would turn a login
 * flood into unbounded memory and ever-growing latency for everyone; refusing early keeps
 * the wait of an admitted request at most maxQueue / concurrency task times.
 */
export class Semaphore {
  readonly concurrency: number;
  readonly maxQueue: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor({ concurrency, maxQueue }: SemaphoreOptions) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
    if (!Number.isInteger(maxQueue) || maxQueue < 0) {
      throw new RangeError(`maxQueue must be a non-negative integer, got ${maxQueue}`);
    }
    this.concurrency = concurrency;
    this.maxQueue = maxQueue;
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Runs task when a slot is free; rejects at once with BusyError when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new BusyError());
    // The slot is handed over directly in release(), so `active` never dips and a
    // newcomer cannot overtake someone already waiting.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
      return;
    }
    this.active -= 1;
  }
}
