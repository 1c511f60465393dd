import type { Backoff } from "../backoff";
import { errorMessage } from "../log";
import { UploadError } from "./errors";
import { removeProgress, unfinishedUploads } from "./progress";
import { type UploaderDeps, type UploadJob, type UploadResult, uploadFile } from "./uploader";

export interface UploadsDeps extends Omit<UploaderDeps, "backoff"> {
  backoff: () => Backoff;
}

/**
 * The vmcore uploads of one agent: one at a time per crash (a fetch command and a report's
 * `uploadVmcore` for the same crash share one upload), resumed after a restart, dropped
 * for good only when the server says it will never take them.
 */
export class Uploads {
  private readonly running = new Map<string, Promise<UploadResult>>();
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly deps: UploadsDeps) {}

  upload(job: UploadJob): Promise<UploadResult> {
    const before = this.running.get(job.key);
    const next = (before?.catch(() => null) ?? Promise.resolve(null))
      .then(() => uploadFile(job, { ...this.deps, backoff: this.deps.backoff() }))
      .catch(async (error: unknown) => {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        if (missing || (error instanceof UploadError && error.final))
          await removeProgress(this.deps.dir, job.key);
        throw error;
      })
      .finally(() => {
        if (this.running.get(job.key) === next) this.running.delete(job.key);
      });
    this.running.set(job.key, next);
    return next;
  }

  /** Started and not awaited (a report's uploadVmcore); failures are logged. */
  start(job: UploadJob): void {
    if (this.running.has(job.key)) return;
    const task = this.upload(job).then(
      (result) => this.deps.log.info("vmcore uploaded", { ...result, crashId: job.crashId }),
      (error: unknown) => {
        if (this.deps.signal.aborted) return;
        this.deps.log.error("vmcore upload failed", {
          crashId: job.crashId,
          error: errorMessage(error),
        });
      },
    );
    this.background.add(task);
    void task.finally(() => this.background.delete(task));
  }

  /** Uploads a previous run (or an earlier failure) left unfinished. */
  async resume(): Promise<void> {
    for (const p of await unfinishedUploads(this.deps.dir))
      this.start({ key: p.key, crashId: p.crashId, path: p.path });
  }

  /** Resolves when every background upload has stopped. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }
}
