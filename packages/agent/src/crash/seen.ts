import { z } from "zod";
import { readJsonFile, writeFileAtomic } from "../state/atomic";

const seenEntrySchema = z.object({
  key: z.string(),
  source: z.string(),
  bootId: z.string(),
  origin: z.string(),
  textSha256: z.string(),
  /** Unix ms: when the server accepted it. */
  at: z.number().int(),
  /** The server's ids for it: vmcore.fetch names a crash by one of them. */
  crashIds: z.array(z.string()).default([]),
});
export type SeenEntry = z.infer<typeof seenEntrySchema>;
const seenFileSchema = z.object({ v: z.literal(1), entries: z.array(seenEntrySchema) });

/** A few thousand: far more than any host keeps dumps of, small enough to rewrite. */
export const MAX_SEEN = 4000;

export const memoKey = (source: string, origin: string, textSha256: string) =>
  `${source}\0${origin}\0${textSha256}`;

/**
 * Crashes the server accepted (crash/seen.json), oldest first, bounded. Also a memo of
 * the boot each dump was attributed to, so a dump still on disk after later reboots keeps
 * its first attribution (and its key) instead of moving to a newer boot.
 */
export class SeenStore {
  private readonly byKey = new Map<string, SeenEntry>();
  private readonly boots = new Map<string, string>();

  private constructor(
    private readonly path: string,
    private entries: SeenEntry[],
    private readonly max: number,
  ) {
    for (const e of entries) this.index(e);
  }

  static async open(path: string, max = MAX_SEEN): Promise<SeenStore> {
    const parsed = seenFileSchema.safeParse(await readJsonFile(path).catch(() => null));
    return new SeenStore(path, parsed.success ? parsed.data.entries : [], max);
  }

  get size(): number {
    return this.entries.length;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  crashIdsOf(key: string): string[] {
    return this.byKey.get(key)?.crashIds ?? [];
  }

  bootFor(source: string, origin: string, textSha256: string): string | undefined {
    return this.boots.get(memoKey(source, origin, textSha256));
  }

  async add(entry: SeenEntry): Promise<void> {
    if (this.byKey.has(entry.key)) return;
    this.entries.push(entry);
    this.index(entry);
    if (this.entries.length > this.max) {
      const dropped = this.entries.splice(0, this.entries.length - this.max);
      for (const e of dropped) {
        this.byKey.delete(e.key);
        this.boots.delete(memoKey(e.source, e.origin, e.textSha256));
      }
    }
    await this.save();
  }

  private index(e: SeenEntry): void {
    this.byKey.set(e.key, e);
    this.boots.set(memoKey(e.source, e.origin, e.textSha256), e.bootId);
  }

  /** One entry a line: the file stays readable with less and diffable. */
  private async save(): Promise<void> {
    const lines = this.entries.map((e) => JSON.stringify(e)).join(",\n");
    await writeFileAtomic(this.path, `{"v":1,"entries":[\n${lines}\n]}\n`, { mode: 0o600 });
  }
}
