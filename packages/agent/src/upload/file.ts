import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

const HASH_READ_BYTES = 1024 * 1024;

/**
 * SHA-256 of a file read 1 MiB at a time into one reused buffer: a vmcore may be bigger
 * than memory, and a read stream's fresh buffer per read made this three times slower.
 */
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(HASH_READ_BYTES);
  const handle = await open(path, "r");
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return hash.digest("hex");
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/**
 * Positional reads of one chunk at a time into two reused buffers, taken in turn: the
 * file data in memory is two chunks at most (one on the wire, one read ahead), and no
 * 8 MiB allocation per chunk keeps the GC busy. A read's bytes stay valid until the read
 * after next.
 */
export interface ChunkFile {
  readonly size: number;
  readonly mtimeMs: number;
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openChunkFile(path: string): Promise<ChunkFile> {
  const handle = await open(path, "r");
  const buffers = [Buffer.alloc(0), Buffer.alloc(0)];
  let reads = 0;
  try {
    const info = await handle.stat();
    return {
      size: info.size,
      mtimeMs: info.mtimeMs,
      async read(offset, length) {
        const turn = reads++ % 2;
        let buffer = buffers[turn] ?? Buffer.alloc(0);
        if (buffer.length < length) buffer = buffers[turn] = Buffer.allocUnsafe(length);
        let filled = 0;
        while (filled < length) {
          const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
          if (bytesRead === 0) throw new Error(`${path} shrank while it was being uploaded`);
          filled += bytesRead;
        }
        return buffer.subarray(0, length);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
