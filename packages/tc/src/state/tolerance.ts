import { formatRate, formatSize, formatTime } from "../units";

/**
 * How far a read-back value may sit from the requested one. The kernel keeps rates
 * in bytes per second, bursts as transmit time in timer ticks (so 15 KiB comes
 * back as 15337 bytes), and tc rounds what it prints ("15Kb" covers ±16 bytes).
 */
export function rateDiffers(actual: number, desired: number): boolean {
  return Math.abs(actual - desired) > Math.max(8, desired * 0.005);
}

export function sizeDiffers(actual: number, desired: number, rateBits = 0): boolean {
  const tick = (rateBits / 8 / 1e6) * 2;
  return Math.abs(actual - desired) > Math.max(64, desired * 0.02, tick);
}

export function timeDiffers(actual: number, desired: number): boolean {
  return Math.abs(actual - desired) > Math.max(2, desired * 0.02);
}

export type Unit = "rate" | "size" | "time" | "count" | "percent" | "text";

export function show(unit: Unit, v: number | string | boolean): string {
  if (typeof v !== "number") return String(v);
  switch (unit) {
    case "rate":
      return formatRate(v);
    case "size":
      return formatSize(v);
    case "time":
      return formatTime(v);
    case "percent":
      return `${v}%`;
    case "count":
    case "text":
      return String(v);
    default:
      return unit satisfies never;
  }
}

/** Collects "path: field is X, expected Y" lines. */
export class Differences {
  readonly lines: string[] = [];

  add(path: string, message: string): void {
    this.lines.push(`${path}: ${message}`);
  }

  mismatch(
    path: string,
    field: string,
    unit: Unit,
    actual: number | string | boolean,
    desired: number | string | boolean,
  ): void {
    this.add(path, `${field} is ${show(unit, actual)}, expected ${show(unit, desired)}`);
  }
}
