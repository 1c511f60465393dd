import { join } from "node:path";

/** Everything tc keeps under the state dir's `applied/`. */
export interface TcPaths {
  dir: string;
  /** The revision (or state) in force: appliedRecordSchema. */
  current: string;
  /** One line per apply and restore: historyLineSchema. */
  history: string;
  snapshots: string;
  /** Batch files handed to `tc -batch` (kept until the next run, for post-mortems). */
  work: string;
}

export function tcPaths(stateDir: string): TcPaths {
  const dir = join(stateDir, "applied");
  return {
    dir,
    current: join(dir, "current.json"),
    history: join(dir, "history.jsonl"),
    snapshots: join(dir, "snapshots"),
    work: join(dir, "work"),
  };
}

/** Snapshot ids come back in `tc.restore` args: they must never name another path. */
export const SNAPSHOT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;

export function snapshotPath(paths: TcPaths, id: string): string {
  if (!SNAPSHOT_ID.test(id)) throw new Error(`invalid snapshot id ${JSON.stringify(id)}`);
  return join(paths.snapshots, `${id}.json`);
}
