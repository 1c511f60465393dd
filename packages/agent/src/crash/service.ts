import { join } from "node:path";
import type { ServerApi } from "../api";
import { type Backoff, Waker } from "../backoff";
import type { AgentConfig } from "../config";
import { readBootId } from "../facts/system";
import { errorMessage, type Logger } from "../log";
import type { CommandRunner } from "../runner/types";
import { UploadApi, type UploadResult, Uploads } from "../upload";
import { BootLog } from "./boots";
import { collectKdump } from "./collectors/kdump";
import { followKmsg } from "./collectors/kmsg";
import { collectPstore } from "./collectors/pstore";
import { JournalCollector } from "./collectors/journal";
import { findVmcore, type VmcoreQuery } from "./find-vmcore";
import { type IntakeDeps, type IntakeOutcome, intake } from "./intake";
import { syntheticBootId } from "./key";
import { CrashQueue } from "./queue";
import { type DrainOutcome, drainQueue } from "./reporter";
import { SeenStore } from "./seen";
import type { Found } from "./types";

export interface CrashServiceDeps {
  config: AgentConfig;
  api: ServerApi;
  runner: CommandRunner;
  log: Logger;
  signal: AbortSignal;
  backoff: () => Backoff;
  revokedRetryMs: number;
}

export interface CollectOutput {
  found: number;
  /** Accepted by the server during this call (earlier finds included). */
  reported: number;
  duplicates: number;
  /** Still waiting for the server. */
  queued: number;
}

/** What the crash.collect and vmcore.fetch handlers need. */
export interface CrashCommands {
  collect(): Promise<CollectOutput>;
  fetchVmcore(query: VmcoreQuery): Promise<UploadResult>;
}

/** Crash-report queue bound: each may hold 4 MiB of text on disk. */
const MAX_QUEUED = 200;
/** With nothing to send and no scan due, look again this often anyway. */
const IDLE_MS = 60_000;
const RESUME_EVERY_MS = 5 * 60_000;

/**
 * The crash collector subsystem: scans kdump, pstore and the previous boot's journal at
 * start and every crashScanSeconds, follows kmsg, and reports each crash once.
 */
export class CrashService implements CrashCommands {
  private readonly waker = new Waker();
  private lock: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly deps: CrashServiceDeps,
    private readonly intakeDeps: IntakeDeps,
    private readonly journal: JournalCollector,
    private readonly uploads: Uploads,
  ) {}

  static async open(deps: CrashServiceDeps): Promise<CrashService> {
    const { config, log } = deps;
    const dir = join(config.stateDir, "crash");
    const [boots, seen, queue] = await Promise.all([
      readBootId(config).then((id) => BootLog.open(join(dir, "boots.json"), id)),
      SeenStore.open(join(dir, "seen.json")),
      CrashQueue.open(join(dir, "queue"), MAX_QUEUED),
    ]);
    const intakeDeps: IntakeDeps = {
      stateDir: config.stateDir,
      pstoreDelete: config.pstoreDelete,
      boots,
      seen,
      queue,
      refused: new Set(),
      log,
    };
    const uploads = new Uploads({
      api: new UploadApi(deps.api, config.requestTimeoutSeconds * 1000),
      dir: join(config.stateDir, "uploads"),
      chunkBytes: config.uploadChunkBytes,
      signal: deps.signal,
      backoff: deps.backoff,
      log,
    });
    return new CrashService(
      deps,
      intakeDeps,
      new JournalCollector(deps.runner, log, deps.config.journalDir),
      uploads,
    );
  }

  /** Something may be sendable now (the server answered a heartbeat). */
  kick(): void {
    if (this.intakeDeps.queue.size > 0) this.waker.wake();
  }

  async collect(): Promise<CollectOutput> {
    const counts = await this.scan(true);
    const { delivered } = await this.drain();
    return {
      found: counts.found,
      reported: delivered,
      duplicates: counts.duplicate,
      queued: this.intakeDeps.queue.size,
    };
  }

  fetchVmcore(query: VmcoreQuery): Promise<UploadResult> {
    return this.exclusive(() => findVmcore(this.intakeDeps, this.deps.config.kdumpDir, query)).then(
      (job) => this.uploads.upload(job),
    );
  }

  /** The subsystem's loop; returns once the agent stops. */
  async run(): Promise<void> {
    const { config, signal, log } = this.deps;
    const kmsg = config.kmsgPath ? this.followKmsg() : Promise.resolve();
    const backoff = this.deps.backoff();
    const every = config.crashScanSeconds * 1000;
    let nextScan = every > 0 ? Date.now() : Number.POSITIVE_INFINITY;
    let nextResume = Date.now();
    while (!signal.aborted) {
      if (Date.now() >= nextScan) {
        await this.scan(false).catch((error) =>
          log.error("crash scan failed", { error: errorMessage(error) }),
        );
        nextScan = Date.now() + every;
      }
      // A restart's unfinished uploads, and any that gave up on a network for a while.
      if (Date.now() >= nextResume) {
        await this.uploads.resume();
        nextResume = Date.now() + RESUME_EVERY_MS;
      }
      const { outcome } = await this.drain();
      if (outcome === "empty") backoff.reset();
      const wait = waitAfter(outcome, backoff, this.deps.revokedRetryMs);
      await this.waker.wait(Math.max(0, Math.min(wait, nextScan - Date.now())), signal);
    }
    await kmsg;
    await this.uploads.idle();
  }

  private async scan(force: boolean) {
    const counts = { found: 0, queued: 0, duplicate: 0, pending: 0, refused: 0 };
    const { config } = this.deps;
    const found = [
      ...(await collectKdump(config.kdumpDir)),
      ...(await collectPstore(config.pstoreDir)),
      ...(await this.journal.collect(force)),
    ];
    for (const f of found) {
      counts.found += 1;
      counts[await this.ingest(f)] += 1;
    }
    return counts;
  }

  private ingest(found: Found): Promise<IntakeOutcome> {
    return this.exclusive(() => intake(this.intakeDeps, found)).catch((error: unknown) => {
      if (found.source === "journal") this.journal.forget();
      throw error;
    });
  }

  private drain(): Promise<{ outcome: DrainOutcome; delivered: number }> {
    const { api, log, signal } = this.deps;
    const { queue, seen, refused, pstoreDelete } = this.intakeDeps;
    const run = () =>
      drainQueue({
        api,
        requestTimeoutMs: this.deps.config.requestTimeoutSeconds * 1000,
        queue,
        seen,
        refused,
        pstoreDelete,
        log,
        signal,
        onVmcoreWanted: (key, crashId, vmcore) =>
          this.uploads.start({ key, crashId, path: vmcore.path }),
      });
    return this.exclusive(run).catch((error: unknown) => {
      log.error("crash reports not sent", { error: errorMessage(error) });
      return { outcome: "retry" as const, delivered: 0 };
    });
  }

  private async followKmsg(): Promise<void> {
    const { config, log, signal } = this.deps;
    const current = this.intakeDeps.boots.current;
    await followKmsg({
      path: config.kmsgPath,
      bootId: current || syntheticBootId("kmsg", "current"),
      quietMs: config.kmsgQuietSeconds * 1000,
      log,
      signal,
      emit: async (found) => {
        if ((await this.ingest(found)) === "queued") this.waker.wake();
      },
    }).catch((error) => log.error("kernel log follower stopped", { error: errorMessage(error) }));
  }

  /** Scans, kmsg reports and sends take turns: the stores are not shared mid-change. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lock.then(work, work);
    this.lock = next.catch(() => undefined);
    return next;
  }
}

function waitAfter(outcome: DrainOutcome, backoff: Backoff, revokedMs: number): number {
  if (outcome === "retry") return backoff.next();
  if (outcome === "revoked") return revokedMs;
  return IDLE_MS;
}
