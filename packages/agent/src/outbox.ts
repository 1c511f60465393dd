import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { readJsonFile, writeJsonAtomic } from "./state/atomic";

/** A report waiting for the server: a POST replayed exactly as it would have been sent. */
export const outboxItemSchema = z.object({
  v: z.literal(1),
  path: z.string().startsWith("/"),
  body: z.unknown(),
  enqueuedAt: z.number().int(),
  /** What it is, for logs and `status` ("command-result", later "crash-report"). */
  kind: z.string(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

const metaSchema = z.object({ dropped: z.number().int().min(0) });
const META = "meta.json";
const ITEM = /^(\d{12})\.json$/;

export interface OutboxEntry {
  name: string;
  item: OutboxItem;
}

/**
 * Unsent reports on disk, one file each named by a counter so name order is send order.
 * Bounded: when full the oldest is dropped and counted, so a host cut off for a week
 * keeps its latest reports rather than filling the disk.
 */
export class Outbox {
  private names: string[] = [];
  private nextSeq = 1;
  private droppedCount = 0;

  private constructor(
    private readonly dir: string,
    private readonly maxItems: number,
  ) {}

  static async open(dir: string, maxItems: number): Promise<Outbox> {
    const outbox = new Outbox(dir, maxItems);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    outbox.names = await listItems(dir);
    const last = outbox.names.at(-1);
    outbox.nextSeq = last ? Number(last.slice(0, 12)) + 1 : 1;
    const meta = metaSchema.safeParse(await readJsonFile(join(dir, META)));
    outbox.droppedCount = meta.success ? meta.data.dropped : 0;
    return outbox;
  }

  get size(): number {
    return this.names.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  async enqueue(item: Omit<OutboxItem, "v" | "enqueuedAt">): Promise<void> {
    const name = `${String(this.nextSeq++).padStart(12, "0")}.json`;
    await writeJsonAtomic(join(this.dir, name), { v: 1, enqueuedAt: Date.now(), ...item });
    this.names.push(name);
    while (this.names.length > this.maxItems) {
      const oldest = this.names.shift();
      if (oldest) await rm(join(this.dir, oldest), { force: true });
      this.droppedCount += 1;
    }
    if (this.droppedCount > 0)
      await writeJsonAtomic(join(this.dir, META), { dropped: this.droppedCount });
  }

  /** The oldest item; an unreadable one is removed (it would block the queue forever). */
  async peek(): Promise<OutboxEntry | null> {
    while (this.names.length > 0) {
      const name = this.names[0] as string;
      try {
        const raw = JSON.parse(await readFile(join(this.dir, name), "utf8"));
        return { name, item: outboxItemSchema.parse(raw) };
      } catch {
        await this.remove(name);
        this.droppedCount += 1;
      }
    }
    return null;
  }

  async remove(name: string): Promise<void> {
    this.names = this.names.filter((n) => n !== name);
    await rm(join(this.dir, name), { force: true });
  }
}

async function listItems(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => ITEM.test(n)).sort();
}

/** For `status`: how many reports wait, and how many were dropped, without opening. */
export async function outboxCounts(dir: string): Promise<{ queued: number; dropped: number }> {
  const meta = metaSchema.safeParse(await readJsonFile(join(dir, META)).catch(() => null));
  return { queued: (await listItems(dir)).length, dropped: meta.success ? meta.data.dropped : 0 };
}
