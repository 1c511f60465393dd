import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * tc stores bursts as transmit times, not bytes: `tc` turns "burst 64kb" into ticks
 * (through whole microseconds) and prints ticks back as bytes, so a printed burst
 * typed in again reads back a little smaller. Rebuilding a foreign tree exactly means
 * choosing the byte count that prints back as before; these functions redo iproute2's
 * arithmetic (tc_core.c, utils.c sprint_size) to find it without asking the kernel.
 */
export interface TickClock {
  /** Kernel ticks per microsecond as iproute2 computes it from /proc/net/psched. */
  tickInUsec: number;
}

/** 15.625 on every kernel since 2.6.x (64 ns ticks, 1 GHz clock resolution). */
export const DEFAULT_CLOCK: TickClock = { tickInUsec: 1000 / 64 };

export async function readTickClock(procRoot: string): Promise<TickClock> {
  try {
    const text = await readFile(join(procRoot, "net", "psched"), "utf8");
    const [t2us, us2t, clockRes] = text
      .trim()
      .split(/\s+/)
      .map((h) => Number.parseInt(h, 16));
    if (!t2us || !us2t || !clockRes) return DEFAULT_CLOCK;
    // iproute2's compatibility hack for nanosecond-resolution kernels.
    const t = clockRes === 1_000_000_000 ? us2t : t2us;
    return { tickInUsec: (t / us2t) * (clockRes / 1_000_000) };
  } catch {
    return DEFAULT_CLOCK;
  }
}

const u32 = (x: number) => Math.trunc(x) >>> 0;

/** tc_calc_xmittime: bytes at `rate` (bytes/s) → ticks. */
export function xmitTime(clock: TickClock, rate: number, size: number): number {
  return u32(u32(1_000_000 * (size / rate)) * clock.tickInUsec);
}

/** tc_calc_xmitsize: ticks at `rate` → bytes, as tc prints a burst. */
export function xmitSize(clock: TickClock, rate: number, ticks: number): number {
  return u32((rate * u32(ticks / clock.tickInUsec)) / 1_000_000);
}

/** tc_core_tick2time: ticks → whole microseconds. */
export function tickToUsec(clock: TickClock, ticks: number): number {
  return u32(ticks / clock.tickInUsec);
}

/** The byte count sprint_size() shows ("64Kb" is 65536), as a reader gets it back. */
export function printedSize(size: number): number {
  const mib = 1024 * 1024;
  if (size >= mib && Math.abs(mib * Math.round(size / mib) - size) < 1024)
    return Math.round(size / mib) * mib;
  if (size >= 1024 && Math.abs(1024 * Math.round(size / 1024) - size) < 16)
    return Math.round(size / 1024) * 1024;
  return size;
}

/**
 * tbf sends its burst in bytes too (TCA_TBF_BURST) and the kernel converts it with
 * its own rate arithmetic (psched_ratecfg_precompute, psched_l2t_ns), not tc's; the
 * dump then shows ns >> 6 as ticks.
 */
export function kernelBurstTicks(rate: number, size: number): number {
  if (rate <= 0) return 0;
  const r = BigInt(Math.trunc(rate));
  let factor = 1_000_000_000n;
  let mult = 1n;
  let shift = 0n;
  for (;;) {
    mult = factor / r;
    if (mult & (1n << 31n) || factor & (1n << 63n)) break;
    factor <<= 1n;
    shift += 1n;
  }
  const ns = (BigInt(Math.trunc(size)) * (mult & 0xffffffffn)) >> shift;
  return Number(ns >> 6n);
}

/** How a burst entered in bytes comes back: through tc's ticks (htb, police) or the kernel's (tbf). */
export type BurstModel = "tc" | "kernel";

function ticksFor(clock: TickClock, model: BurstModel, rate: number, size: number): number {
  return model === "kernel" ? kernelBurstTicks(rate, size) : xmitTime(clock, rate, size);
}

/**
 * A burst in bytes that, entered at `rate` (bytes/s), is printed back as `shown`
 * (`print` says how the value is printed: rounded text, or the exact JSON number).
 * Falls back to `shown` itself when no byte count in reach does (then the rebuild is
 * off by the rounding, and the verify step reports it).
 */
export function burstFor(
  clock: TickClock,
  rate: number,
  shown: number,
  print: "text" | "json" = "text",
  model: BurstModel = "tc",
): number {
  if (rate <= 0) return shown;
  const back = (s: number) => {
    const bytes = xmitSize(clock, rate, ticksFor(clock, model, rate, s));
    return print === "text" ? printedSize(bytes) : bytes;
  };
  const reach = Math.ceil((2 * rate) / 1_000_000) + 1100;
  for (let d = 0; d <= reach; d++) {
    if (back(shown + d) === shown) return shown + d;
    if (d > 0 && shown - d > 0 && back(shown - d) === shown) return shown - d;
  }
  return shown;
}
