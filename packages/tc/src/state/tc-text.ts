/**
 * Values as tc prints them: rates "100Mbit" / "1500Kbit" (decimal, or Kibit with
 * -iec), sizes "1600b" / "15Kb" / "2Mb" (binary, rounded by tc when it picks Kb or
 * Mb), times "20ms" / "1.5s" / "250us".
 */
const rateMul: Record<string, number> = {
  "": 1,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

export function parsePrintedRate(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(K|M|G|T|Ki|Mi|Gi|Ti)?bit$/.exec(text);
  if (!m?.[1]) return undefined;
  return Math.round(Number(m[1]) * (rateMul[m[2] ?? ""] ?? 1));
}

export function parsePrintedSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(b|Kb|Mb|Gb)(?:\/\d+)?$/.exec(text);
  if (!m?.[1]) return undefined;
  const mul = { b: 1, Kb: 1024, Mb: 1024 ** 2, Gb: 1024 ** 3 }[m[2] ?? "b"] ?? 1;
  return Math.round(Number(m[1]) * mul);
}

export function parsePrintedTime(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(us|ms|s)$/.exec(text);
  if (!m?.[1]) return undefined;
  const mul = { us: 1, ms: 1000, s: 1_000_000 }[m[2] ?? "us"] ?? 1;
  return Math.round(Number(m[1]) * mul);
}

/**
 * A size option as `tc -j` prints it: a number of bytes, or with -d a string in
 * sprint_size's rounding and the cell size ("10Kb/1", tbf's burst): bytes either way.
 */
export function printedSizeOption(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  if (typeof v === "number") return v;
  return typeof v === "string" ? parsePrintedSize(v) : undefined;
}
