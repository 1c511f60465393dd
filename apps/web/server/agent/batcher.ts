/**
 * Gathers calls made within a few milliseconds of each other and hands them to `write`
 * as one batch, which answers each in order. A thousand agents answering a rollout wave
 * within the same second cost a handful of statements instead of a thousand: per-row
 * statements were measured holding the pool (and the event loop, in the client library)
 * long enough to delay every other agent request behind them.
 */
export class Batcher<In, Out> {
  private batch: { item: In; resolve(out: Out): void; reject(error: unknown): void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    private readonly windowMs = 5,
  ) {}

  add(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.batch.push({ item, resolve, reject });
      this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.timer = null;
    try {
      const out = await this.write(batch.map((b) => b.item));
      for (const [i, b] of batch.entries()) b.resolve(out[i] as Out);
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
