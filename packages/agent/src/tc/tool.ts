import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ToolRun } from "@fleetdeck/protocol";
import { type Argv, type DeviceState, parseTcState, renderBatch } from "@fleetdeck/tc";
import type { CommandRunner } from "../runner/types";
import { type BatchFailure, parseBatchFailures } from "./batch-errors";
import type { RawDevice } from "./records";
import {
  assemble,
  type ClassFormat,
  type IngressKind,
  isShow,
  type SplitShows,
  showLines,
  splitShows,
} from "./show-batch";

export interface BatchOutcome {
  ok: boolean;
  failures: BatchFailure[];
  stderr: string;
  exitCode: number | null;
  /** The runner's own error (tc missing, timeout), else null. */
  error: string | null;
}

export class TcToolError extends Error {}

/**
 * The flags every listing is read with (see show-batch.ts). No -s: counters are
 * volatile, nothing reads them (restores compare without them, tc.snapshot and
 * `tc show` strip them), and on a 50-class tree they double the listing's cost.
 */
export const SHOW_FLAGS = ["-d", "-j"] as const;

function ingressKind(dev: string, qdisc: string): IngressKind {
  const slot = parseTcState({ dev, qdisc }).qdiscs.find(
    (q) => q.kind === "ingress" || q.kind === "clsact",
  );
  return slot?.kind === "clsact" ? "clsact" : slot ? "ingress" : undefined;
}

/** What a device's ingress slot held when this tool last read it. */
export type SlotKind = "none" | "ingress" | "clsact";

/** The tc and ip commands the transaction needs, all through one CommandRunner. */
export class TcTool {
  private readonly slots = new Map<string, SlotKind>();
  private readonly last = new Map<string, RawDevice>();
  private readonly parsed = new WeakMap<RawDevice, DeviceState>();
  /** How this tc prints classes, once a whole run told (see show-batch.ts). */
  classFormat: ClassFormat | null = null;

  constructor(
    readonly runner: CommandRunner,
    private readonly workDir: string,
  ) {}

  /**
   * The ingress-side qdisc of `dev` at this tool's last reading, if it read it: a
   * cheap guess (something else may have changed it since), never a fact.
   */
  lastSlot(dev: string): SlotKind | undefined {
    return this.slots.get(dev);
  }

  /** `dev` as this tool last read it (a guess of its state now, like lastSlot()). */
  lastRead(dev: string): RawDevice | undefined {
    return this.last.get(dev);
  }

  /** parseTcState, once per reading: a read-back is parsed again as the next guess. */
  stateOf = (raw: RawDevice): DeviceState => {
    let state = this.parsed.get(raw);
    if (!state) {
      state = parseTcState(raw);
      this.parsed.set(raw, state);
    }
    return state;
  };

  /** RawDevice records from the outputs of showLines(devs); remembers them. */
  assemble(devs: readonly string[], outputs: readonly string[]): RawDevice[] {
    const raws = assemble(devs, outputs, (dev, qdisc) => {
      const kind = ingressKind(dev, qdisc);
      this.slots.set(dev, kind ?? "none");
      return kind;
    });
    for (const raw of raws) this.last.set(raw.dev, raw);
    return raws;
  }

  /** `tc -d -j` qdiscs, classes, root filters and ingress filters. */
  async show(dev: string): Promise<RawDevice> {
    const [raw] = await this.showMany([dev]);
    if (!raw) throw new TcToolError(`no tc state read for ${dev}`);
    return raw;
  }

  /** show() for many devices in one tc run (see show-batch.ts); per device if that fails. */
  async showMany(devs: readonly string[]): Promise<RawDevice[]> {
    if (devs.length === 0) return [];
    const lines = showLines(devs);
    const run = await this.runFile(lines, [...SHOW_FLAGS]);
    // A dry-run runner answers "[]" once for the whole batch: read each device instead.
    const ok = !this.runner.dryRun && run.exitCode === 0 && run.error === null;
    const split = ok ? this.split(run.stdout, lines) : null;
    if (!split) return this.showEach(devs);
    return this.assemble(devs, split.outputs);
  }

  /** splitShows(), remembering the class format a whole run shows. */
  split(stdout: string, shows: readonly Argv[]): SplitShows | null {
    const split = splitShows(stdout, shows);
    if (split?.format) this.classFormat = split.format;
    return split;
  }

  /**
   * Runs `lines` as one `tc FLAGS -batch FILE` (never -force: tc stops at the first
   * refused line). The caller reads the outputs of the show lines that ran.
   */
  async runLines(lines: readonly Argv[], flags: readonly string[]): Promise<LinesRun> {
    const run = await this.runFile(lines, flags);
    const failures = parseBatchFailures(
      run.stderr,
      lines.map((l) => l.join(" ")),
    );
    const failedAt = failures[0]?.line ?? null;
    const ran = failedAt === null ? lines : lines.slice(0, failedAt - 1);
    return { run, failures, failedAt, showsRan: ran.filter(isShow) };
  }

  private async runFile(lines: readonly Argv[], flags: readonly string[]): Promise<ToolRun> {
    const file = this.writeBatchFile(renderBatch(lines));
    try {
      return await this.runner.run(["tc", ...flags, "-batch", file]);
    } finally {
      this.removeBatchFile(file);
    }
  }

  /** One device at a time: the fallback, and where a missing device gets its error. */
  private async showEach(devs: readonly string[]): Promise<RawDevice[]> {
    const out: RawDevice[] = [];
    const show = (...args: string[]) => this.tc([...SHOW_FLAGS, ...args]);
    for (const dev of devs) {
      const qdisc = await show("qdisc", "show", "dev", dev);
      const kind = ingressKind(dev, qdisc);
      this.slots.set(dev, kind ?? "none");
      const [filter, cls] = await Promise.all([
        show("filter", "show", "dev", dev),
        show("class", "show", "dev", dev),
      ]);
      const raw: RawDevice = { dev, qdisc, class: cls, filter };
      if (kind === "ingress")
        raw.ingressFilter = await show("filter", "show", "dev", dev, "parent", "ffff:");
      if (kind === "clsact") {
        raw.ingressFilter = await show("filter", "show", "dev", dev, "ingress");
        raw.clsactEgressFilter = await show("filter", "show", "dev", dev, "egress");
      }
      this.last.set(dev, raw);
      out.push(raw);
    }
    return out;
  }

  /**
   * Synchronous on purpose: a few KiB into the page cache take microseconds, while
   * each async fs call waits for a libuv pool thread (a millisecond or more on a
   * loaded host, several per batch); the file is never fsynced (tc reads it at once).
   */
  private writeBatchFile(text: string): string {
    mkdirSync(this.workDir, { recursive: true, mode: 0o700 });
    const file = join(this.workDir, `batch-${process.pid}-${randomBytes(4).toString("hex")}.tc`);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  }

  private removeBatchFile(file: string): void {
    rmSync(file, { force: true });
  }

  /** Writes `lines` to a file in the work dir and runs `tc [-force] -batch FILE`. */
  async batch(lines: readonly Argv[], force: boolean): Promise<BatchOutcome> {
    if (lines.length === 0) return { ok: true, failures: [], stderr: "", exitCode: 0, error: null };
    const text = renderBatch(lines);
    const file = this.writeBatchFile(text);
    try {
      const run = await this.runner.run(["tc", ...(force ? ["-force"] : []), "-batch", file]);
      const failures = parseBatchFailures(run.stderr, text.split("\n"));
      return {
        ok: run.exitCode === 0 && run.error === null,
        failures,
        stderr: run.stderr,
        exitCode: run.exitCode,
        error: run.error,
      };
    } finally {
      this.removeBatchFile(file);
    }
  }

  /** Creates an IFB; one created meanwhile (by whoever) is as good. */
  async addIfb(name: string): Promise<void> {
    await this.must(["ip", "link", "add", "name", name, "type", "ifb"]).catch((e: Error) => {
      if (!/File exists/.test(e.message)) throw e;
    });
  }

  async linkUp(name: string): Promise<void> {
    await this.must(["ip", "link", "set", "dev", name, "up"]);
  }

  async deleteLink(name: string): Promise<void> {
    await this.must(["ip", "link", "del", "dev", name]);
  }

  private async tc(args: readonly string[]): Promise<string> {
    return this.must(["tc", ...args]);
  }

  private async must(argv: string[]): Promise<string> {
    const run = await this.runner.run(argv);
    if (run.exitCode === 0 && run.error === null) return run.stdout;
    const why = run.error ?? (run.stderr.trim() || `exit ${run.exitCode}`);
    throw new TcToolError(`${argv.join(" ")}: ${why}`);
  }
}

/** A runLines() result: the run, what tc refused (only the first, no -force), what ran. */
export interface LinesRun {
  run: ToolRun;
  failures: BatchFailure[];
  /** The 1-based line tc stopped at, or null when it did not stop. */
  failedAt: number | null;
  /** The show lines before `failedAt` (all of them without a failure): they printed. */
  showsRan: Argv[];
}
