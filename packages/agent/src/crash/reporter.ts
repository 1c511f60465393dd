import { AGENT_PATHS, crashUploadResponseSchema } from "@fleetdeck/protocol";
import type { ServerApi } from "../api";
import type { HttpReply } from "../client";
import { errorMessage, type Logger } from "../log";
import { removeAccepted } from "./intake";
import type { CrashQueue, QueuedReport } from "./queue";
import type { SeenStore } from "./seen";
import type { Vmcore } from "./types";

export interface ReporterDeps {
  api: ServerApi;
  requestTimeoutMs: number;
  queue: CrashQueue;
  seen: SeenStore;
  refused: Set<string>;
  pstoreDelete: boolean;
  log: Logger;
  signal: AbortSignal;
  /** The server asked for this crash's vmcore. */
  onVmcoreWanted(key: string, crashId: string, vmcore: Vmcore): void;
}

export type DrainOutcome = "empty" | "retry" | "revoked";

const SLOW_LINK_BYTES_PER_SECOND = 64 * 1024;

/**
 * Posts queued reports oldest first. A 2xx marks the crash seen (only then), removes
 * accepted pstore records and may start the vmcore upload; 408/429/5xx and network
 * errors keep the queue for later; another 4xx drops the report for this run.
 */
export async function drainQueue(
  deps: ReporterDeps,
): Promise<{ outcome: DrainOutcome; delivered: number }> {
  const { queue, log } = deps;
  let delivered = 0;
  for (let entry = await queue.first(); entry; entry = await queue.first()) {
    if (deps.signal.aborted) return { outcome: "retry", delivered };
    // Accepted, then the agent died before removing it from the queue.
    if (deps.seen.has(entry.item.key)) {
      await queue.remove(entry.name);
      continue;
    }
    let reply: HttpReply;
    try {
      reply = await post(deps, entry.item);
    } catch (error) {
      log.debug("crash report: server unreachable, keeping it", { error: errorMessage(error) });
      return { outcome: "retry", delivered };
    }
    const { status } = reply;
    if (status === 401) return { outcome: "revoked", delivered };
    if (status === 408 || status === 429 || status >= 500) return { outcome: "retry", delivered };
    if (status < 200 || status >= 300) {
      log.warn("the server refused a crash report; dropping it until the agent restarts", {
        status,
        origin: entry.item.upload.origin,
        reply: reply.text.slice(0, 200),
      });
      deps.refused.add(entry.item.key);
    } else {
      await accepted(deps, entry.item, reply);
      delivered += 1;
    }
    await queue.remove(entry.name);
  }
  return { outcome: "empty", delivered };
}

/** A report may carry 4 MiB of log: a slow link gets longer than a heartbeat would. */
async function post(deps: ReporterDeps, item: QueuedReport): Promise<HttpReply> {
  const body = Buffer.from(JSON.stringify(item.upload));
  const reply = await deps.api.client.request("POST", AGENT_PATHS.crashes, {
    body,
    headers: { "content-type": "application/json" },
    timeoutMs: deps.requestTimeoutMs + Math.ceil((body.length / SLOW_LINK_BYTES_PER_SECOND) * 1000),
    signal: deps.signal,
  });
  deps.api.observe(reply.status, AGENT_PATHS.crashes);
  return reply;
}

async function accepted(deps: ReporterDeps, item: QueuedReport, reply: HttpReply) {
  const { upload } = item;
  const response = crashUploadResponseSchema.safeParse(reply.json);
  await deps.seen.add({
    key: item.key,
    source: upload.source,
    bootId: upload.bootId,
    origin: upload.origin ?? "",
    textSha256: item.textSha256,
    at: Date.now(),
    crashIds: response.success ? response.data.crashIds : [],
  });
  await removeAccepted(deps, item.removable);
  if (!response.success) {
    deps.log.warn("the server's crash reply is malformed", { reply: reply.text.slice(0, 200) });
    return;
  }
  const crashId = response.data.crashIds[0];
  if (!response.data.uploadVmcore) return;
  if (!item.vmcore || !crashId) {
    deps.log.info("the server wants a vmcore this crash does not have", { origin: upload.origin });
    return;
  }
  deps.onVmcoreWanted(item.key, crashId, item.vmcore);
}
