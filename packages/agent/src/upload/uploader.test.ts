import { createHash, randomBytes, randomUUID } from "node:crypto";
import { truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { silentLogger } from "../log";
import { UploadError } from "./errors";
import { openChunkFile } from "./file";
import { readProgress } from "./progress";
import { uploadHarness } from "./testing/harness";
import { type UploaderDeps, uploadFile } from "./uploader";

const CHUNK = 64 * 1024;
const KEY = "ab".repeat(32);
let h: Awaited<ReturnType<typeof uploadHarness>>;
let path: string;
let content: Buffer;
let crashId: string;

beforeEach(async () => {
  h = await uploadHarness();
  path = join(h.dir, "vmcore");
  content = randomBytes(10 * CHUNK + 4321);
  await writeFile(path, content);
  crashId = randomUUID();
});
afterEach(() => h.cleanup());

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function deps(signal = new AbortController().signal, extra: Partial<UploaderDeps> = {}) {
  return {
    api: h.api,
    dir: join(h.dir, "uploads"),
    chunkBytes: CHUNK,
    signal,
    backoff: h.backoff(),
    log: silentLogger,
    ...extra,
  } satisfies UploaderDeps;
}

const job = () => ({ key: KEY, crashId, path });
const only = () => {
  const [upload] = [...h.endpoints.uploads.values()];
  if (!upload) throw new Error("no upload on the server");
  return upload;
};

describe("a vmcore upload", () => {
  test("creates, sends chunks in order, and the server's sha256 matches", async () => {
    const result = await uploadFile(job(), deps());
    expect(result).toEqual({ uploadId: only().id, bytes: content.length, sha256: sha(content) });
    expect(only()).toMatchObject({ complete: true, crashId, length: content.length });
    expect(h.endpoints.receivedSha256(only())).toBe(sha(content));
    expect(only().puts.map((p) => p.offset)).toEqual(
      Array.from({ length: 11 }, (_, i) => i * CHUNK),
    );
    expect((await readProgress(deps().dir, KEY))?.completedAt).toBeTypeOf("number");
    // Asked again (vmcore.fetch after the background upload): nothing is sent twice.
    expect(await uploadFile(job(), deps())).toEqual(result);
    expect(h.endpoints.uploads.size).toBe(1);
    expect(only().puts).toHaveLength(11);
  });

  test("killed mid-way, it resumes the same upload from the server's offset", async () => {
    const first = new AbortController();
    h.endpoints.afterChunk = (u) => {
      if (u.offset === 3 * CHUNK) first.abort();
    };
    await expect(uploadFile(job(), deps(first.signal))).rejects.toThrow();
    expect(only().offset).toBe(3 * CHUNK);
    expect((await readProgress(deps().dir, KEY))?.uploadId).toBe(only().id);
    h.endpoints.afterChunk = () => {};
    await uploadFile(job(), deps());
    expect(h.endpoints.uploads.size).toBe(1);
    expect(
      only()
        .puts.map((p) => p.offset)
        .slice(3, 5),
    ).toEqual([3 * CHUNK, 4 * CHUNK]);
    expect(only().puts.reduce((sum, p) => sum + p.bytes, 0)).toBe(content.length);
    expect(h.endpoints.receivedSha256(only())).toBe(sha(content));
  });

  test("a cut connection backs off, asks the server where it is, and goes on", async () => {
    let cuts = 0;
    const plan = new Map([
      [2 * CHUNK, "cut-after" as const],
      [5 * CHUNK, "cut-before" as const],
    ]);
    h.endpoints.beforeChunk = (_u, offset) => {
      const action = plan.get(offset);
      if (!action) return "handle";
      plan.delete(offset);
      cuts += 1;
      return action;
    };
    await uploadFile(job(), deps());
    expect(cuts).toBe(2);
    expect(only().complete).toBe(true);
    expect(h.endpoints.receivedSha256(only())).toBe(sha(content));
    // The chunk at 2·CHUNK arrived before the cut: it is not sent again; 5·CHUNK's is.
    const at = (n: number) =>
      only()
        .puts.filter((p) => p.offset === n * CHUNK)
        .map((p) => p.status);
    expect(at(2)).toEqual([0]);
    expect(at(5)).toEqual([0, 200]);
  });

  test("a 409 moves to the server's offset, even one between chunks", async () => {
    const ahead = Math.floor(2.5 * CHUNK);
    h.endpoints.beforeChunk = (u, offset) => {
      if (offset === 0 && u.offset === 0) {
        // Another attempt's bytes already landed (a reply lost on the way back).
        u.hash.update(content.subarray(0, ahead));
        u.data?.push(content.subarray(0, ahead));
        u.offset = ahead;
      }
      return "handle";
    };
    await uploadFile(job(), deps());
    expect(only().puts.slice(0, 2)).toEqual([
      { offset: 0, bytes: CHUNK, status: 409 },
      { offset: ahead, bytes: CHUNK, status: 200 },
    ]);
    expect(only().complete).toBe(true);
    expect(h.endpoints.receivedSha256(only())).toBe(sha(content));
  });

  test("413 gives up with a clear error and forgets the upload", async () => {
    h.endpoints.maxBytes = 1024;
    const error = await uploadFile(job(), deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).final).toBe(true);
    expect((error as Error).message).toMatch(/too large \(413\)/);
    // Past the limit mid-way (a limit lowered after creation): the same.
    h.endpoints.maxBytes = Number.POSITIVE_INFINITY;
    h.endpoints.beforeChunk = () => {
      h.endpoints.maxBytes = 4 * CHUNK;
      return "handle";
    };
    await expect(uploadFile(job(), deps())).rejects.toThrow(/too large \(413\)/);
  });

  test("a server preferring smaller chunks gets them", async () => {
    h.endpoints.chunkBytes = CHUNK / 4;
    await uploadFile(job(), deps());
    expect(Math.max(...only().puts.map((p) => p.bytes))).toBe(CHUNK / 4);
    expect(h.endpoints.receivedSha256(only())).toBe(sha(content));
  });

  test("a big sparse file streams: no buffer larger than a chunk, each byte read once", async () => {
    const big = join(h.dir, "sparse-vmcore");
    await writeFile(big, "");
    await truncate(big, 64 * CHUNK + 17);
    const sizes: number[] = [];
    const openFile = async (p: string) => {
      const file = await openChunkFile(p);
      return {
        ...file,
        size: file.size,
        mtimeMs: file.mtimeMs,
        read: async (offset: number, length: number) => {
          const buffer = await file.read(offset, length);
          sizes.push(buffer.length);
          return buffer;
        },
      };
    };
    await uploadFile({ key: KEY, crashId, path: big }, deps(undefined, { openFile }));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CHUNK);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(64 * CHUNK + 17);
    expect(only().complete).toBe(true);
  });
});
