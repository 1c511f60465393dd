/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summary(values: readonly number[]): string {
  return `p50 ${round(percentile(values, 50))} ms, p95 ${round(percentile(values, 95))} ms, p99 ${round(percentile(values, 99))} ms (n=${values.length})`;
}
