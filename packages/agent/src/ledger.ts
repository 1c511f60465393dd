import { type CommandResult, commandResultSchema } from "@fleetdeck/protocol";
import { z } from "zod";
import { readJsonFile, writeFileAtomic } from "./state/atomic";

/** A stored result keeps at most this much output; the full one went to the server. */
const MAX_STORED_OUTPUT_CHARS = 256 * 1024;

export const ledgerEntrySchema = z.object({
  id: z.uuid(),
  idempotencyKey: z.string(),
  type: z.string(),
  startedAt: z.number().int(),
  /** Null while running; still null after a restart means it was interrupted. */
  result: commandResultSchema.nullable(),
});
const ledgerFileSchema = z.object({ v: z.literal(1), entries: z.array(ledgerEntrySchema) });

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/**
 * Commands this host started, so none runs twice: an entry is written (durably) before
 * the command starts, and completed with its result. Bounded: the oldest entries go
 * first, which is safe because a command that old has expired.
 */
export class Ledger {
  private entries: LedgerEntry[] = [];
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly maxEntries: number,
  ) {}

  static async open(path: string, maxEntries: number): Promise<Ledger> {
    const ledger = new Ledger(path, maxEntries);
    const raw = await readJsonFile(path);
    if (raw !== null) ledger.entries = ledgerFileSchema.parse(raw).entries;
    return ledger;
  }

  /** The entry with this id, else one with this idempotency key. */
  find(id: string, idempotencyKey: string): LedgerEntry | undefined {
    return (
      this.entries.find((e) => e.id === id) ??
      this.entries.find((e) => e.idempotencyKey === idempotencyKey)
    );
  }

  recent(limit: number): LedgerEntry[] {
    return this.entries.slice(-limit).reverse();
  }

  get size(): number {
    return this.entries.length;
  }

  async begin(entry: Omit<LedgerEntry, "result">): Promise<void> {
    this.entries.push({ ...entry, result: null });
    if (this.entries.length > this.maxEntries)
      this.entries.splice(0, this.entries.length - this.maxEntries);
    await this.persist();
  }

  async finish(id: string, result: CommandResult): Promise<void> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    entry.result = storable(result);
    await this.persist();
  }

  /** Writes are chained so two updates never race on the temp file and rename. */
  private persist(): Promise<void> {
    const snapshot = JSON.stringify({ v: 1, entries: this.entries });
    const write = this.writes.then(() => writeFileAtomic(this.path, snapshot));
    this.writes = write.catch(() => {});
    return write;
  }
}

function storable(result: CommandResult): CommandResult {
  const size = JSON.stringify(result.output ?? null).length;
  if (size <= MAX_STORED_OUTPUT_CHARS) return result;
  return { ...result, output: { truncated: true, chars: size } };
}

/** Read-only view for `status`, without opening for writes. */
export async function readLedgerEntries(path: string): Promise<LedgerEntry[]> {
  const raw = await readJsonFile(path);
  if (raw === null) return [];
  return ledgerFileSchema.parse(raw).entries;
}
