import { type PolicyCase, policyCaseArbitrary } from "@fleetdeck/tc/testing";

type PolicyArbitrary = ReturnType<typeof policyCaseArbitrary>;
type FcRandom = Parameters<PolicyArbitrary["generate"]>[0];

/**
 * fast-check is @fleetdeck/tc's dev dependency, not the agent's (deps.test.ts keeps the
 * agent's list short), so the agent drives the exported arbitrary itself: generate()
 * only asks its random source for bounded integers and clones, which this seeded
 * mulberry32 provides.
 */
class SeededRandom {
  constructor(private state: number) {}

  private u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  clone(): SeededRandom {
    return new SeededRandom(this.state);
  }

  nextInt(min = -0x80000000, max = 0x7fffffff): number {
    const span = max - min + 1;
    const draw = span > 0x100000000 ? this.u32() * 0x100000000 + this.u32() : this.u32();
    return min + (draw % span);
  }

  next(bits: number): number {
    return this.nextInt(0, 2 ** bits - 1);
  }

  nextBoolean(): boolean {
    return this.nextInt(0, 1) === 1;
  }

  nextBigInt(min: bigint, max: bigint): bigint {
    return min + ((BigInt(this.u32()) * 0x100000000n + BigInt(this.u32())) % (max - min + 1n));
  }

  nextDouble(): number {
    return this.u32() / 0x100000000;
  }

  getState(): undefined {
    return undefined;
  }
}

/** An endless, reproducible stream of generated policy cases restricted to `options`. */
export function* policyCases(
  options: Parameters<typeof policyCaseArbitrary>[0],
  seed: number,
): Generator<PolicyCase> {
  const arb = policyCaseArbitrary(options);
  const random = new SeededRandom(seed) as unknown as FcRandom;
  for (;;) yield arb.generate(random, undefined).value;
}
