import { formatRate, formatSize } from "../units";

export const ETHERNET_MTU_BYTES = 1514;

/**
 * A token bucket refills once per timer tick; a burst smaller than one tick's worth
 * of traffic caps throughput below the configured rate, and a burst below one
 * frame cannot pass full-size packets at all. One millisecond (HZ=1000) is the
 * rule of thumb used here.
 */
export function minimumBurst(rateBits: number): number {
  // Rounded up to whole KiB so the advice reads "123 KiB", not "125000 B".
  return Math.max(ETHERNET_MTU_BYTES, Math.ceil(rateBits / 8 / 1000 / 1024) * 1024);
}

export function burstProblem(field: string, burst: number, rateBits: number): string | undefined {
  const min = minimumBurst(rateBits);
  if (burst >= min) return undefined;
  return `${field} ${formatSize(burst)} is too small for ${formatRate(rateBits)}; use at least ${formatSize(min)} (one MTU and 1 ms of traffic)`;
}
