import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { sleep } from "../../backoff";
import { errorMessage, type Logger } from "../../log";
import type { Found } from "../types";
import { parseKmsgRecord } from "./kmsg-record";
import { KmsgWindow } from "./kmsg-window";

export interface KmsgDeps {
  path: string;
  bootId: string;
  quietMs: number;
  log: Logger;
  signal: AbortSignal;
  emit(found: Found): Promise<void>;
}

/** A kmsg read must hold a whole record (else EINVAL); records are at most ~8 KiB. */
const READ_BYTES = 16 * 1024;
/** Records read before the window is looked at, so a full ring is not parsed in one go. */
const BATCH_RECORDS = 5_000;

/**
 * Follows the kernel log. The fd is non-blocking and polled: a blocking read would hold
 * one of libuv's four pool threads for as long as the kernel stays silent. A regular file
 * (tests) is followed like `tail -f`. Unreadable (no root, a container): not followed.
 */
export async function followKmsg(deps: KmsgDeps): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(deps.path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    deps.log.info("kernel log not followed", { path: deps.path, error: errorMessage(error) });
    return;
  }
  const pollMs = Math.min(1_000, Math.max(50, deps.quietMs / 4));
  const window = new KmsgWindow();
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  let rest = "";
  try {
    while (!deps.signal.aborted) {
      let records = 0;
      for (let n = await readSome(handle, buffer); n > 0; n = await readSome(handle, buffer)) {
        const lines = (rest + buffer.toString("latin1", 0, n)).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) {
          const record = parseKmsgRecord(line);
          if (!record) continue;
          window.push(record, Date.now());
          records += 1;
        }
        if (records >= BATCH_RECORDS) break;
      }
      for (const report of window.take(Date.now(), deps.quietMs))
        await deps.emit({
          source: "kmsg",
          origin: `${deps.path} seq ${report.firstSeq}-${report.lastSeq}`,
          text: report.text,
          bootId: deps.bootId,
          localId: `${report.firstSeq}`,
          vmcore: null,
          removable: [],
        });
      if (records < BATCH_RECORDS) await sleep(pollMs, deps.signal);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Bytes read, 0 when nothing is there yet (EAGAIN, or end of a regular file). EPIPE means
 * the ring overwrote records before they were read: the next read goes on after the gap.
 */
async function readSome(handle: FileHandle, buffer: Buffer): Promise<number> {
  for (;;) {
    try {
      return (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") return 0;
      if (code !== "EPIPE") throw error;
    }
  }
}
