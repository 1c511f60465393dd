/**
 * At most `limit` calls at once; the rest wait here, in arrival order. The agent API's
 * heavy one-row writes (facts, tc status: a few Prisma queries each) go through
 * one, so a burst of them (every agent restarting and sending its facts) holds part of the pool rather than all of it, and the small batched
 * statements every request needs (nonces, host lookups, acks, heartbeats) stay quick.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
