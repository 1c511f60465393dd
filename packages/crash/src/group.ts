import type { CrashKind, CrashReport, Signature } from "./schema";

/** What grouping needs from a crash; callers may pass reports carrying extra fields. */
export type Groupable = Pick<CrashReport, "kind" | "blamedFunction" | "signature">;

export interface CrashGroup<T extends Groupable = CrashReport> {
  /** The primary signature shared by every member (with its version). */
  key: string;
  kind: CrashKind;
  function: string | null;
  /** The first member's signature: frames and exact hash may differ between members. */
  signature: Signature;
  /** Why these crashes are one group, for a reviewer. */
  why: string;
  members: T[];
}

/** The key crashes group on: the versioned primary signature. */
export function groupKey(signature: Signature): string {
  return `${signature.version}:${signature.primary}`;
}

/** Why a crash belongs to its group, in the words a reviewer reads. */
export function groupReason(report: Groupable): string {
  const fn = report.blamedFunction ?? "(none)";
  return `primary ${report.signature.version}: kind=${report.kind}, function=${fn}`;
}

/**
 * Groups crashes on their versioned primary signature, in order of first appearance.
 * Signatures of different versions never merge: re-signing old crashes is a migration.
 */
export function groupCrashes<T extends Groupable>(reports: readonly T[]): CrashGroup<T>[] {
  const groups = new Map<string, CrashGroup<T>>();
  for (const report of reports) {
    const key = groupKey(report.signature);
    const group = groups.get(key);
    if (group) {
      group.members.push(report);
      continue;
    }
    groups.set(key, {
      key,
      kind: report.kind,
      function: report.blamedFunction,
      signature: report.signature,
      why: groupReason(report),
      members: [report],
    });
  }
  return [...groups.values()];
}
