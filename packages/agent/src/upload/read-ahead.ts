import { sha256Hex } from "../crash/key";
import type { ChunkFile } from "./file";

export interface Chunk {
  offset: number;
  bytes: Buffer;
  sha256: string;
}

/**
 * Reads and hashes the next chunk while the current one is on the wire, so the agent's
 * disk and hashing overlap the server's work. At most two chunks are in memory (the file
 * alternates two buffers); a read-ahead the server's offset made useless is dropped.
 */
export class ReadAhead {
  private ahead: { offset: number; chunk: Promise<Chunk> } | null = null;

  constructor(
    private readonly file: ChunkFile,
    private readonly chunkBytes: number,
  ) {}

  async take(offset: number): Promise<Chunk> {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead?.offset === offset) return ahead.chunk;
    // Its buffer is the next read's: that read must not start while this one fills it.
    await ahead?.chunk.catch(() => undefined);
    return this.read(offset);
  }

  /** Starts on the chunk at `offset` when there is one and nothing is read ahead yet. */
  prefetch(offset: number): void {
    if (offset >= this.file.size || this.ahead) return;
    const chunk = this.read(offset);
    chunk.catch(() => undefined);
    this.ahead = { offset, chunk };
  }

  /** Before the file closes. */
  async settle(): Promise<void> {
    await this.ahead?.chunk.catch(() => undefined);
    this.ahead = null;
  }

  private async read(offset: number): Promise<Chunk> {
    const bytes = await this.file.read(offset, Math.min(this.chunkBytes, this.file.size - offset));
    return { offset, bytes, sha256: sha256Hex(bytes) };
  }
}
