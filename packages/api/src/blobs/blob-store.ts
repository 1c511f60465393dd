import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Where large things live (raw crash logs, vmcores): content-addressed by SHA-256, so a
 * name from an agent never becomes a path (`../` in a file name stores nothing of it).
 */
export interface BlobStore {
  /** Stores bytes; returns their SHA-256 hex (the key). */
  putBuffer(data: Buffer | string): Promise<string>;
  /** Streams bytes in without holding them in memory; returns the key and size. */
  putStream(stream: Readable): Promise<{ key: string; size: number }>;
  /** Moves a finished file into the store (uploads assembled on disk); returns the key. */
  adoptFile(file: string, sha256: string): Promise<string>;
  read(key: string): Readable;
  size(key: string): Promise<number | null>;
}

const KEY = /^[0-9a-f]{64}$/;

export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error("not a blob key");
    return path.join(this.root, key.slice(0, 2), key.slice(2));
  }

  async putBuffer(data: Buffer | string): Promise<string> {
    const key = createHash("sha256").update(data).digest("hex");
    const target = this.pathOf(key);
    if ((await this.size(key)) !== null) return key;
    await mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(this.root, `.tmp-${randomUUID()}`);
    await writeFile(temp, data);
    await rename(temp, target);
    return key;
  }

  async putStream(stream: Readable): Promise<{ key: string; size: number }> {
    await mkdir(this.root, { recursive: true });
    const temp = path.join(this.root, `.tmp-${randomUUID()}`);
    const hash = createHash("sha256");
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    try {
      await pipeline(stream, createWriteStream(temp));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const key = await this.adoptFile(temp, hash.digest("hex"));
    return { key, size };
  }

  async adoptFile(file: string, sha256: string): Promise<string> {
    const target = this.pathOf(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    if ((await this.size(sha256)) !== null) {
      await rm(file, { force: true });
      return sha256;
    }
    await rename(file, target);
    return sha256;
  }

  read(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }
}
