/**
 * Orders kernel releases by their numbers: "6.1.0-57-amd64" > "6.1.0-56-amd64",
 * "3.10.0-1160.el7" < "4.18.0". Letters are ignored; a missing part counts as 0.
 */
export function compareKernels(a: string, b: string): number {
  const parts = (v: string) => (v.match(/\d+/g) ?? []).map(Number);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
