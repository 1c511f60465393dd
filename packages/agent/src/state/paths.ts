import { join } from "node:path";

/** Everything the agent keeps, under one directory (systemd's StateDirectory). */
export interface StatePaths {
  dir: string;
  /** The host's Ed25519 key pair, mode 600. */
  keys: string;
  /** Host id, server URL and the pinned server key: present means enrolled. */
  enrollment: string;
  /** Commands run (by id and idempotency key) with their final results. */
  ledger: string;
  /** Reserved for tc work: the revision applied and its snapshot. */
  applied: string;
  /** Reports not yet delivered, one file each, sent in name order. */
  outbox: string;
  /** What `fleetdeck-agent status` shows about the running daemon. */
  status: string;
}

export function statePaths(dir: string): StatePaths {
  return {
    dir,
    keys: join(dir, "keys.json"),
    enrollment: join(dir, "enrollment.json"),
    ledger: join(dir, "ledger.json"),
    applied: join(dir, "applied"),
    outbox: join(dir, "outbox"),
    status: join(dir, "status.json"),
  };
}
