import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { writeJsonDurable } from "./durable";
import { snapshotPath, type TcPaths } from "./paths";

/**
 * applied/current.json: what the agent put in force last. `revisionId` is null after a
 * restore to a state that was not a Fleetdeck revision (the kernel default or a foreign
 * tree). `snapshotId` names the snapshot taken just before, so "restore previous" is
 * restoring it. `confirmDeadline` (Unix ms) survives a restart: commit-confirm.
 */
export const appliedRecordSchema = z.object({
  revisionId: z.string().nullable(),
  hash: z.string().nullable(),
  policyName: z.string().nullable(),
  spec: z.unknown(),
  interfaces: z.array(z.string()),
  appliedAt: z.number().int().nullable(),
  bootId: z.string(),
  snapshotId: z.string().nullable(),
  confirmDeadline: z.number().int().nullable().default(null),
  confirmSeconds: z.number().int().min(0).default(0),
});
export type AppliedRecord = z.infer<typeof appliedRecordSchema>;

export const HISTORY_EVENTS = ["apply", "restore", "auto-restore", "repair"] as const;

/** applied/history.jsonl: one object per line, appended on every apply and restore. */
export const historyLineSchema = z.object({
  bootId: z.string(),
  revisionId: z.string().nullable(),
  hash: z.string().nullable(),
  /** Unix ms. */
  at: z.number().int(),
  event: z.enum(HISTORY_EVENTS).optional(),
});
export type HistoryLine = z.infer<typeof historyLineSchema>;

export const priorStateSchema = z.enum(["absent", "default", "revision", "foreign"]);
export type PriorState = z.infer<typeof priorStateSchema>;

/** Raw `tc -s -j ...` output of one device, as captured (see tool.ts). */
export const rawDeviceSchema = z.object({
  dev: z.string(),
  qdisc: z.string(),
  class: z.string(),
  filter: z.string(),
  ingressFilter: z.string().optional(),
  /** clsact only: `tc -s -j filter show dev X egress`. */
  clsactEgressFilter: z.string().optional(),
});
export type RawDevice = z.infer<typeof rawDeviceSchema>;

/** applied/snapshots/<id>.json */
export const snapshotFileSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  takenAt: z.number().int(),
  bootId: z.string(),
  /** current.json when the snapshot was taken: what a restore puts back as current. */
  base: appliedRecordSchema.nullable(),
  devices: z.array(
    z.object({
      dev: z.string(),
      /** How a restore rebuilds it: delete all, re-apply `base`, or rebuild from `raw`. */
      prior: priorStateSchema,
      raw: rawDeviceSchema.nullable(),
    }),
  ),
});
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;

/**
 * current.json after restoring a snapshot: the record in force when it was taken (now
 * in force again, confirmed), or "no revision" when there was none.
 */
export function restoredRecord(
  base: AppliedRecord | null,
  now: number,
  bootId: string,
): AppliedRecord {
  const none = {
    revisionId: null,
    hash: null,
    policyName: null,
    spec: null,
    interfaces: [],
    snapshotId: null,
  };
  return { ...(base ?? none), appliedAt: now, bootId, confirmDeadline: null, confirmSeconds: 0 };
}

/*
 * These files are small and live in the page cache: they are read and written with
 * synchronous calls (microseconds) rather than async ones (a libuv pool round trip
 * each, milliseconds on a loaded host), except the fsyncs (durable.ts). An apply
 * reads current.json, writes it and a snapshot, appends history and prunes.
 */

/** The parsed file, or null when it does not exist. Other errors (bad JSON) throw. */
function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export async function readCurrent(paths: TcPaths): Promise<AppliedRecord | null> {
  const raw = readJson(paths.current);
  return raw === null ? null : appliedRecordSchema.parse(raw);
}

export function writeCurrent(paths: TcPaths, record: AppliedRecord): Promise<void> {
  return writeJsonDurable(paths.current, record);
}

export async function appendHistory(paths: TcPaths, line: HistoryLine): Promise<void> {
  mkdirSync(dirname(paths.history), { recursive: true, mode: 0o700 });
  // One write() of one line with O_APPEND: a crash leaves whole lines (at worst no last line).
  appendFileSync(paths.history, `${JSON.stringify(historyLineSchema.parse(line))}\n`);
}

export function writeSnapshot(paths: TcPaths, snapshot: SnapshotFile): Promise<void> {
  return writeJsonDurable(snapshotPath(paths, snapshot.id), snapshot);
}

export async function readSnapshot(paths: TcPaths, id: string): Promise<SnapshotFile | null> {
  const raw = readJson(snapshotPath(paths, id));
  return raw === null ? null : snapshotFileSchema.parse(raw);
}

/** Keeps the newest `keep` snapshots plus every one a kept record still points to. */
export async function pruneSnapshots(paths: TcPaths, keep: number, pinned: Set<string>) {
  let names: string[];
  try {
    names = readdirSync(paths.snapshots).filter((n) => n.endsWith(".json"));
  } catch {
    return;
  }
  names.sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) {
    if (pinned.has(name.slice(0, -".json".length))) continue;
    rmSync(`${paths.snapshots}/${name}`, { force: true });
  }
}
