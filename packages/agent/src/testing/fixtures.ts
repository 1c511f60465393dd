import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { AgentConfigInput } from "../config";

export const PACKAGE_DIR = resolve(import.meta.dirname, "../..");
export const HOST_FIXTURES = join(PACKAGE_DIR, "fixtures", "hosts");
export const DEBIAN12 = join(HOST_FIXTURES, "debian12");

/** Config keys that point the collectors at a fixture tree instead of the real host. */
export function fixtureRoots(tree: string = DEBIAN12) {
  return {
    procRoot: join(tree, "proc"),
    sysRoot: join(tree, "sys"),
    machineIdPath: join(tree, "etc", "machine-id"),
    osReleasePath: join(tree, "etc", "os-release"),
    pstoreDir: join(tree, "pstore"),
    // Absent in most trees: no kdump dumps, and the test host's own kernel log stays out.
    kdumpDir: join(tree, "var", "crash"),
    kmsgPath: join(tree, "dev", "kmsg"),
  } satisfies AgentConfigInput;
}

/** A temp dir for one test, and its removal. */
export async function tempDir(prefix = "fleetdeck-agent-"): Promise<{
  dir: string;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `ms`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 5_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
