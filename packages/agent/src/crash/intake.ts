import { rm } from "node:fs/promises";
import { parseKernelLog } from "@fleetdeck/crash";
import type { CrashUpload } from "@fleetdeck/protocol";
import { z } from "zod";
import type { Logger } from "../log";
import { appliedRevisionForBoot } from "../tc";
import type { BootLog } from "./boots";
import { crashKey, sha256Hex, syntheticBootId } from "./key";
import type { CrashQueue } from "./queue";
import type { SeenStore } from "./seen";
import { fitText, kernelOf } from "./text";
import type { Found } from "./types";

export interface IntakeDeps {
  stateDir: string;
  pstoreDelete: boolean;
  boots: BootLog;
  seen: SeenStore;
  queue: CrashQueue;
  /** Keys the server refused (a 4xx) in this run: not queued again until a restart. */
  refused: Set<string>;
  log: Logger;
}

export type IntakeOutcome = "queued" | "duplicate" | "pending" | "refused";

const uuid = z.uuid();

/**
 * Attributes a found crash to the boot that crashed, dedupes it and queues its report.
 * Attribution: the collector's own boot (journal -b -1, kmsg); else the boot this dump
 * was first attributed to (seen or queued); else the boot the agent ran in before this
 * one; else a stable `unknown:<source>:<id>`.
 */
export async function intake(deps: IntakeDeps, found: Found): Promise<IntakeOutcome> {
  const { origin, textSha256, bootId, key } = attribute(deps, found);
  if (deps.seen.has(key)) {
    await removeAccepted(deps, found.removable);
    return "duplicate";
  }
  if (deps.queue.hasKey(key)) return "pending";
  if (deps.refused.has(key)) return "refused";
  const reports = found.reports ?? parseKernelLog(found.text);
  // An unreadable history must not hold the report back: it goes without attribution.
  const revision = bootId.startsWith("unknown:")
    ? null
    : await appliedRevisionForBoot(deps.stateDir, bootId).catch(() => null);
  const upload: CrashUpload = {
    v: 1,
    source: found.source,
    bootId,
    collectedAt: Date.now(),
    kernel: kernelOf(found.text, reports),
    appliedRevisionId: uuid.safeParse(revision).success ? revision : null,
    origin,
    // NUL padding (pstore, a torn kdump log) means nothing and costs 6 bytes each in JSON.
    text: fitText(found.text.replaceAll("\0", ""), reports),
    vmcoreBytes: found.vmcore?.bytes ?? null,
  };
  const item = { v: 1 as const, key, textSha256, vmcore: found.vmcore, removable: found.removable };
  const dropped = await deps.queue.add({ ...item, upload });
  if (dropped.length > 0)
    deps.log.warn("crash queue full: dropped the oldest reports", { dropped: dropped.length });
  deps.log.info("crash found", { source: found.source, bootId, origin, reports: reports.length });
  return "queued";
}

export function attribute(deps: Pick<IntakeDeps, "boots" | "seen" | "queue">, found: Found) {
  const origin = found.origin.slice(0, 512);
  const textSha256 = sha256Hex(found.text);
  const bootId =
    found.bootId ??
    deps.seen.bootFor(found.source, origin, textSha256) ??
    deps.queue.bootFor(found.source, origin, textSha256) ??
    deps.boots.previous() ??
    syntheticBootId(found.source, found.localId);
  return { origin, textSha256, bootId, key: crashKey(found.source, bootId, textSha256) };
}

/** pstore memory is tiny: records go once the server has them, when so configured. */
export async function removeAccepted(
  deps: Pick<IntakeDeps, "pstoreDelete" | "log">,
  files: string[],
): Promise<void> {
  if (!deps.pstoreDelete || files.length === 0) return;
  for (const file of files)
    await rm(file, { force: true }).catch((error: unknown) =>
      deps.log.warn("cannot remove a pstore record", { file, error: String(error) }),
    );
}
