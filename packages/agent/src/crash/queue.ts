import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { crashUploadSchema } from "@fleetdeck/protocol";
import { z } from "zod";
import { writeJsonAtomic } from "../state/atomic";
import { memoKey } from "./seen";

/** A report waiting for the server, with what the agent needs after a 2xx. */
export const queuedReportSchema = z.object({
  v: z.literal(1),
  key: z.string(),
  textSha256: z.string(),
  vmcore: z.object({ path: z.string(), bytes: z.number().int() }).nullable(),
  removable: z.array(z.string()),
  upload: crashUploadSchema,
});
export type QueuedReport = z.infer<typeof queuedReportSchema>;

interface Meta {
  name: string;
  key: string;
  memo: string;
  bootId: string;
}

const ITEM = /^(\d{12})\.json$/;

/**
 * Crash reports not yet accepted (crash/queue/000000000001.json…), sent in name order.
 * Apart from the command outbox because a crash needs the server's answer (mark seen,
 * maybe upload the vmcore), and because its keys must be known to a rescan so a report
 * waiting here is not queued twice. Only metadata stays in memory; texts stay on disk.
 */
export class CrashQueue {
  private items: Meta[] = [];
  private nextSeq = 1;

  private constructor(
    private readonly dir: string,
    private readonly max: number,
  ) {}

  static async open(dir: string, max: number): Promise<CrashQueue> {
    const queue = new CrashQueue(dir, max);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const names = (await readdir(dir)).filter((n) => ITEM.test(n)).sort();
    for (const name of names) {
      const item = await queue.read(name);
      if (item) queue.items.push(metaOf(name, item));
    }
    const last = names.at(-1);
    queue.nextSeq = last ? Number(last.slice(0, 12)) + 1 : 1;
    return queue;
  }

  get size(): number {
    return this.items.length;
  }

  hasKey(key: string): boolean {
    return this.items.some((m) => m.key === key);
  }

  /** The boot a waiting report was attributed to (the same memo as SeenStore's). */
  bootFor(source: string, origin: string, textSha256: string): string | undefined {
    const memo = memoKey(source, origin, textSha256);
    return this.items.find((m) => m.memo === memo)?.bootId;
  }

  /** Full: the oldest goes; a dump still on disk is found again by the next scan. */
  async add(item: QueuedReport): Promise<string[]> {
    const name = `${String(this.nextSeq++).padStart(12, "0")}.json`;
    await writeJsonAtomic(join(this.dir, name), item, { mode: 0o600 });
    this.items.push(metaOf(name, item));
    const dropped: string[] = [];
    while (this.items.length > this.max) {
      const oldest = this.items.shift();
      if (!oldest) break;
      await rm(join(this.dir, oldest.name), { force: true });
      dropped.push(oldest.key);
    }
    return dropped;
  }

  async first(): Promise<{ name: string; item: QueuedReport } | null> {
    while (this.items[0]) {
      const { name } = this.items[0];
      const item = await this.read(name);
      if (item) return { name, item };
      this.items.shift();
    }
    return null;
  }

  async remove(name: string): Promise<void> {
    this.items = this.items.filter((m) => m.name !== name);
    await rm(join(this.dir, name), { force: true });
  }

  /** An unreadable item is removed: it would block the queue forever. */
  private async read(name: string): Promise<QueuedReport | null> {
    try {
      const raw: unknown = JSON.parse(await readFile(join(this.dir, name), "utf8"));
      return queuedReportSchema.parse(raw);
    } catch {
      await rm(join(this.dir, name), { force: true });
      return null;
    }
  }
}

function metaOf(name: string, item: QueuedReport): Meta {
  const { source, origin, bootId } = item.upload;
  return { name, key: item.key, memo: memoKey(source, origin ?? "", item.textSha256), bootId };
}
