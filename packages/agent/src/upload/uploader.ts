import type { UploadState } from "@fleetdeck/protocol";
import { type Backoff, sleep } from "../backoff";
import type { Logger } from "../log";
import type { Outcome, UploadApi } from "./api";
import { errorFor, UploadError } from "./errors";
import { type ChunkFile, openChunkFile, sha256File } from "./file";
import { readProgress, type UploadProgress, writeProgress } from "./progress";
import { ReadAhead } from "./read-ahead";

export interface UploadJob {
  /** The crash's dedupe key: names the progress file. */
  key: string;
  crashId: string;
  path: string;
}

export interface UploadResult {
  uploadId: string;
  bytes: number;
  sha256: string;
}

export interface UploaderDeps {
  api: UploadApi;
  /** Where uploads/<key>.json live. */
  dir: string;
  chunkBytes: number;
  signal: AbortSignal;
  backoff: Backoff;
  log: Logger;
  /** Failed attempts in a row (network, 5xx) before giving up until the next resume. */
  maxFailures?: number;
  /** Tests count the chunk buffers through this. */
  openFile?: (path: string) => Promise<ChunkFile>;
}

/**
 * Sends one file through the resumable-upload API: create (length and SHA-256 streamed
 * from the file), then chunks at the server's offset. A 409 moves to the server's offset;
 * a network error backs off and asks the server where it is; a restart finds the upload
 * id in uploads/<key>.json and asks the same.
 */
export async function uploadFile(job: UploadJob, deps: UploaderDeps): Promise<UploadResult> {
  const file = await (deps.openFile ?? openChunkFile)(job.path);
  try {
    return await new Session(job, file, deps).run();
  } finally {
    await file.close();
  }
}

const resultOf = (p: UploadProgress): UploadResult => ({
  uploadId: p.uploadId,
  bytes: p.length,
  sha256: p.sha256,
});

class Session {
  private failures = 0;
  private recreated = false;
  /** The server's preferred chunk size; the agent's own is the ceiling. */
  private serverChunk = 0;

  constructor(
    private readonly job: UploadJob,
    private readonly file: ChunkFile,
    private readonly deps: UploaderDeps,
  ) {}

  async run(): Promise<UploadResult> {
    let progress = await this.stored();
    if (progress?.completedAt) return resultOf(progress);
    let offset = progress ? ((await this.state(progress.uploadId))?.offset ?? null) : null;
    for (;;) {
      if (!progress || offset === null) {
        const created = await this.create(progress);
        progress = created.progress;
        offset = created.offset;
      }
      if ((await this.sendFrom(progress.uploadId, offset)) === "complete") break;
      // The server forgot the upload mid-way (expired): one fresh start, not a loop.
      if (this.recreated) throw new UploadError("the server keeps losing the upload", false);
      this.recreated = true;
      offset = null;
    }
    const done = { ...progress, completedAt: Date.now() };
    await writeProgress(this.deps.dir, done);
    return resultOf(done);
  }

  /** The stored upload, when it is for this crash and this very file. */
  private async stored(): Promise<UploadProgress | null> {
    const p = await readProgress(this.deps.dir, this.job.key);
    if (!p || p.crashId !== this.job.crashId || p.path !== this.job.path) return null;
    return p.length === this.file.size && p.mtimeMs === this.file.mtimeMs ? p : null;
  }

  private async create(previous: UploadProgress | null) {
    const { job, file, deps } = this;
    if (file.size === 0) throw new UploadError(`${job.path} is empty`, true);
    const sha256 = previous?.sha256 ?? (await sha256File(job.path, deps.signal));
    const body = {
      v: 1,
      purpose: "vmcore",
      crashId: job.crashId,
      length: file.size,
      sha256,
    } as const;
    const out = await this.retrying("create", () => deps.api.create(body, deps.signal));
    if (out.kind !== "ok") throw errorFor("create", out);
    const progress: UploadProgress = {
      v: 1,
      key: job.key,
      crashId: job.crashId,
      uploadId: out.value.uploadId,
      path: job.path,
      length: file.size,
      mtimeMs: file.mtimeMs,
      sha256,
      createdAt: Date.now(),
      completedAt: null,
    };
    await writeProgress(deps.dir, progress);
    deps.log.info("vmcore upload created", { uploadId: progress.uploadId, bytes: file.size });
    this.serverChunk = out.value.chunkBytes;
    return { progress, offset: out.value.offset };
  }

  private async sendFrom(uploadId: string, start: number): Promise<"complete" | "gone"> {
    const own = this.deps.chunkBytes;
    const ahead = new ReadAhead(
      this.file,
      this.serverChunk > 0 ? Math.min(own, this.serverChunk) : own,
    );
    try {
      return await this.sendChunks(uploadId, start, ahead);
    } finally {
      await ahead.settle();
    }
  }

  private async sendChunks(
    uploadId: string,
    start: number,
    ahead: ReadAhead,
  ): Promise<"complete" | "gone"> {
    const { deps, file } = this;
    let offset = start;
    let last: UploadState | null = null;
    for (;;) {
      deps.signal.throwIfAborted();
      if (offset >= file.size) {
        const state = last ?? (await this.state(uploadId));
        if (state === null) return "gone";
        if (state.complete) return "complete";
        if (state.offset >= file.size)
          throw new UploadError(
            "the server has every byte but refused the upload (checksum?)",
            true,
          );
        offset = state.offset;
        last = null;
        continue;
      }
      const chunk = await ahead.take(offset);
      const put = deps.api.put(uploadId, offset, chunk.bytes, deps.signal, chunk.sha256);
      ahead.prefetch(offset + chunk.bytes.length);
      const out = await put;
      last = null;
      if (out.kind === "ok") {
        offset = out.value?.offset ?? offset + chunk.bytes.length;
        last = out.value;
        this.progressed();
      } else if (out.kind === "conflict") {
        if (out.offset === offset || out.offset > file.size)
          await this.failed("chunk", "409 at our own offset");
        offset = Math.min(out.offset, file.size);
      } else if (out.kind === "retry") {
        await this.failed("chunk", out.reason);
        const state = await this.state(uploadId);
        if (state === null) return "gone";
        offset = state.offset;
      } else if (out.kind === "gone") return "gone";
      else throw errorFor("chunk", out);
    }
  }

  /** The server's view of the upload; null when it does not know it (404). */
  private async state(uploadId: string): Promise<UploadState | null> {
    const out = await this.retrying("state", () => this.deps.api.state(uploadId, this.deps.signal));
    if (out.kind === "gone") return null;
    if (out.kind === "ok") {
      this.serverChunk = out.value.chunkBytes;
      return out.value;
    }
    throw errorFor("state", out);
  }

  private async retrying<T>(what: string, call: () => Promise<Outcome<T>>) {
    for (;;) {
      this.deps.signal.throwIfAborted();
      const out = await call();
      if (out.kind !== "retry") return out;
      await this.failed(what, out.reason);
    }
  }

  private progressed(): void {
    this.failures = 0;
    this.deps.backoff.reset();
  }

  private async failed(what: string, reason: string): Promise<void> {
    this.failures += 1;
    if (this.failures > (this.deps.maxFailures ?? 8))
      throw new UploadError(
        `vmcore upload: ${what} failed ${this.failures} times: ${reason}`,
        false,
      );
    this.deps.log.debug("vmcore upload: retrying", { what, reason, failures: this.failures });
    await sleep(this.deps.backoff.next(), this.deps.signal);
    this.deps.signal.throwIfAborted();
  }
}
