import { createHash } from "node:crypto";
import { normalizeNumbers } from "./headline";
import type { Frame, Signature } from "./schema";
import { SIGNATURE_VERSION } from "./constants";

/** How many reliable frames, from the raising function outwards, make a frame signature. */
export const SIGNATURE_FRAMES = 5;

export interface SignatureInput {
  /** Canonical headline of the trigger (same across kernel versions' wordings). */
  canonical: string;
  /** Named in the title; null when the title names no function. */
  blamed: string | null;
  path: readonly Frame[];
  corrupted: boolean;
}

function topFrames(path: readonly Frame[]): Frame[] {
  const out: Frame[] = [];
  for (const f of path) {
    // arm64 and ppc print the faulting function again as the first trace frame.
    if (out.length > 0 && out[out.length - 1]?.function === f.function) continue;
    out.push(f);
    if (out.length === SIGNATURE_FRAMES) break;
  }
  return out;
}

export function primarySignature(
  canonical: string,
  blamed: string | null,
  corrupted: boolean,
): string {
  const head = normalizeNumbers(canonical);
  const named = blamed ? `${head} in ${blamed}` : head;
  return corrupted ? `${named} (corrupted)` : named;
}

export function computeSignature(input: SignatureInput): Signature {
  const primary = primarySignature(input.canonical, input.blamed, input.corrupted);
  const top = topFrames(input.path);
  const frames = top.map((f) => `${f.function}@${f.module ?? "-"}`);
  const exactText = [primary, ...top.map((f) => `${f.function}+${f.offset}/${f.size}`)].join("\n");
  const exact = createHash("sha256").update(exactText).digest("hex").slice(0, 16);
  return { version: SIGNATURE_VERSION, primary, frames, exact };
}
