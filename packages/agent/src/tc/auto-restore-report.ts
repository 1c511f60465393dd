import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { type CommandResult, commandResultSchema } from "@fleetdeck/protocol";
import type { Ledger } from "../ledger";
import { writeJsonAtomic } from "../state/atomic";
import type { AutoRestoreReport, AutoRestoreReporter } from "./confirm";

const ITEM = /^\d{12}\.json$/;

function isTheApply(result: CommandResult | null | undefined, snapshotId: string): boolean {
  const output = result?.output as { snapshotId?: unknown } | null | undefined;
  return result?.state === "succeeded" && output?.snapshotId === snapshotId;
}

function failed(result: CommandResult, report: AutoRestoreReport): CommandResult {
  return commandResultSchema.parse({
    ...result,
    state: "failed",
    error: report.error,
    output: report.output,
    finishedAt: Date.now(),
  });
}

/**
 * The apply's result is found by the snapshot id in its output (unique per apply). If
 * it still waits in the outbox — the usual case, the server being away — the file is
 * rewritten in place (same name, so same send order; the flusher reads files afresh
 * on each try) to say failed with the auto-restore error. The ledger entry is updated
 * too, so a re-delivered command is answered with the failure. A result already
 * delivered cannot be taken back: the next heartbeats report the restored revision.
 */
export function outboxReporter(outboxDir: string, ledger: Ledger): AutoRestoreReporter {
  return {
    async autoRestored(report) {
      for (const entry of ledger.recent(50)) {
        if (isTheApply(entry.result, report.snapshotId) && entry.result)
          await ledger.finish(entry.id, failed(entry.result, report));
      }
      const names = (await readdir(outboxDir).catch(() => [] as string[])).filter((n) =>
        ITEM.test(n),
      );
      for (const name of names.sort()) {
        const path = join(outboxDir, name);
        let item: { body?: unknown; kind?: unknown };
        try {
          item = JSON.parse(await readFile(path, "utf8"));
        } catch {
          continue;
        }
        const result = commandResultSchema.safeParse(item.body);
        if (item.kind !== "command-result" || !result.success) continue;
        if (!isTheApply(result.data, report.snapshotId)) continue;
        // Sent and removed meanwhile: too late, the heartbeat says it.
        if (!(await stat(path).catch(() => null))) return "heartbeat";
        await writeJsonAtomic(path, { ...item, body: failed(result.data, report) });
        return "result";
      }
      return "heartbeat";
    },
  };
}
