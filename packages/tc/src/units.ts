/**
 * Units as tc reads them. Values are stored as exact integers: rates in bits per
 * second, sizes in bytes, times in microseconds. Decimal input ("1.5mbit") is
 * converted with BigInt arithmetic so no floating-point rounding sneaks in.
 */
export class UnitError extends Error {
  override name = "UnitError";
}

// tc compares suffixes case-insensitively; "bps" is BYTES per second (the 8x trap).
const rateUnits: Record<string, bigint> = {
  bit: 1n,
  kbit: 1_000n,
  mbit: 1_000_000n,
  gbit: 1_000_000_000n,
  tbit: 1_000_000_000_000n,
  bps: 8n,
  kbps: 8_000n,
  mbps: 8_000_000n,
  gbps: 8_000_000_000n,
  tbps: 8_000_000_000_000n,
};

// tc's get_size(): k/kb/m/mb/g/gb are binary multiples of a byte.
const sizeUnits: Record<string, bigint> = {
  b: 1n,
  k: 1024n,
  kb: 1024n,
  m: 1_048_576n,
  mb: 1_048_576n,
  g: 1_073_741_824n,
  gb: 1_073_741_824n,
};

const timeUnits: Record<string, bigint> = {
  us: 1n,
  usec: 1n,
  usecs: 1n,
  ms: 1_000n,
  msec: 1_000n,
  msecs: 1_000n,
  s: 1_000_000n,
  sec: 1_000_000n,
  secs: 1_000_000n,
};

/** The largest size tc can carry in its 32-bit size fields. */
export const MAX_SIZE = 0xffff_ffff;

function parseWithUnits(
  text: string,
  units: Record<string, bigint>,
  what: string,
  example: string,
): number {
  const m = /^(\d+)(?:\.(\d+))?([a-z]*)$/i.exec(text);
  if (!m) throw new UnitError(`"${text}" is not a ${what} (e.g. ${example})`);
  const [, whole = "", fraction = "", suffix = ""] = m;
  if (suffix === "") throw new UnitError(`"${text}" needs a unit (e.g. ${example})`);
  const mul = units[suffix.toLowerCase()];
  if (mul === undefined) {
    throw new UnitError(
      `"${text}" has an unknown unit "${suffix}"; use one of ${Object.keys(units).join(", ")}`,
    );
  }
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole + fraction) * mul;
  if (scaled % scale !== 0n) throw new UnitError(`"${text}" is not a whole number of base units`);
  const value = scaled / scale;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new UnitError(`"${text}" is too large`);
  return Number(value);
}

/** Bits per second. */
export function parseRate(text: string): number {
  const value = parseWithUnits(text, rateUnits, "rate", "100mbit");
  if (value === 0) throw new UnitError(`rate "${text}" must be above zero`);
  // The kernel keeps whole bytes per second; less than 8 bit/s would become zero.
  if (value < 8)
    throw new UnitError(`rate "${text}" is below 8bit, the smallest rate tc can carry`);
  return value;
}

/** Bytes. */
export function parseSize(text: string): number {
  const value = parseWithUnits(text, sizeUnits, "size", "64kb");
  if (value === 0) throw new UnitError(`size "${text}" must be above zero`);
  if (value > MAX_SIZE) throw new UnitError(`size "${text}" is above tc's limit of 4 GiB`);
  return value;
}

/** Microseconds. */
export function parseTime(text: string): number {
  return parseWithUnits(text, timeUnits, "time", "20ms");
}

/** A percentage 0–100; accepts "0.5%" or a plain number. */
export function parsePercent(text: string): number {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(text);
  if (!m?.[1]) throw new UnitError(`"${text}" is not a percentage (e.g. 0.5%)`);
  const value = Number(m[1]);
  if (value > 100) throw new UnitError(`${value}% is not between 0 and 100`);
  return value;
}

/** Exact decimal of value/divisor with up to `places` decimals, or undefined if inexact. */
function exactDecimal(value: number, divisor: number, places: number): string | undefined {
  const whole = Math.floor(value / divisor);
  let rest = value - whole * divisor;
  let digits = "";
  for (let i = 0; i < places && rest !== 0; i++) {
    rest *= 10;
    const d = Math.floor(rest / divisor);
    digits += String(d);
    rest -= d * divisor;
  }
  if (rest !== 0) return undefined;
  return digits === "" ? String(whole) : `${whole}.${digits}`;
}

function humanise(value: number, steps: readonly [number, string][], fallback: string): string {
  for (const [divisor, unit] of steps) {
    if (value < divisor) continue;
    const text = exactDecimal(value, divisor, 3);
    if (text !== undefined) return `${text} ${unit}`;
  }
  return `${value} ${fallback}`;
}

export function formatRate(bits: number): string {
  return humanise(
    bits,
    [
      [1e12, "Tbit/s"],
      [1e9, "Gbit/s"],
      [1e6, "Mbit/s"],
      [1e3, "kbit/s"],
    ],
    "bit/s",
  );
}

export function formatSize(bytes: number): string {
  return humanise(
    bytes,
    [
      [1_073_741_824, "GiB"],
      [1_048_576, "MiB"],
      [1024, "KiB"],
    ],
    "B",
  );
}

export function formatTime(us: number): string {
  return humanise(
    us,
    [
      [1_000_000, "s"],
      [1000, "ms"],
    ],
    "µs",
  );
}

export function formatPercent(p: number): string {
  return `${p}%`;
}

function tcToken(value: number, steps: readonly [number, string][], base: string): string {
  for (const [divisor, unit] of steps) {
    if (value >= divisor && value % divisor === 0) return `${value / divisor}${unit}`;
  }
  return `${value}${base}`;
}

/** A rate token tc parses back to exactly the same number of bits. */
export function tcRate(bits: number): string {
  return tcToken(
    bits,
    [
      [1e12, "tbit"],
      [1e9, "gbit"],
      [1e6, "mbit"],
      [1e3, "kbit"],
    ],
    "bit",
  );
}

export function tcSize(bytes: number): string {
  return tcToken(
    bytes,
    [
      [1_073_741_824, "gb"],
      [1_048_576, "mb"],
      [1024, "kb"],
    ],
    "b",
  );
}

export function tcTime(us: number): string {
  return tcToken(
    us,
    [
      [1_000_000, "s"],
      [1000, "ms"],
    ],
    "us",
  );
}

export function tcPercent(p: number): string {
  return `${p}%`;
}
