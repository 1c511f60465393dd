import { kindRules } from "./kinds";
import type { CrashKind, Frame } from "./schema";
import { isSkipped } from "./skip";

export interface Guilty {
  /** Where the report was raised. */
  raised: Frame | null;
  /** Who a human would blame: the same frame, or the caller of a generic checker. */
  blamed: Frame | null;
  /** Reliable frames from `raised` outwards, reporting helpers left out: signature material. */
  path: Frame[];
}

/**
 * Candidates in order: the symbol on the headline (WARNING, KASAN, stack-protector), else a
 * symbolic instruction pointer, then the reliable trace frames. A raw-address IP adds
 * nothing, so its caller comes first; `?` frames are never candidates.
 */
export function findGuilty(
  kind: CrashKind,
  headlineFrame: Frame | null,
  ipFrame: Frame | null,
  trace: readonly Frame[],
): Guilty {
  const rules = kindRules(kind);
  const candidates: Frame[] = [];
  const first = headlineFrame ?? ipFrame;
  if (first?.function) candidates.push(first);
  for (const f of trace) if (f.reliable && f.function) candidates.push(f);
  const raisedAt = candidates.findIndex((f) => !isSkipped(f.function ?? "", rules.skip));
  if (raisedAt < 0) return { raised: null, blamed: null, path: [] };
  let blamedAt = raisedAt;
  while (blamedAt < candidates.length) {
    const f = candidates[blamedAt];
    if (f && !isSkipped(f.function ?? "", rules.blameSkip)) break;
    blamedAt++;
  }
  const raised = candidates[raisedAt] ?? null;
  const blamed = candidates[blamedAt] ?? raised;
  const path = candidates.slice(raisedAt).filter((f) => !isSkipped(f.function ?? "", rules.skip));
  return { raised, blamed, path };
}
