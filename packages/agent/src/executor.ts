import type { KeyObject } from "node:crypto";
import {
  AGENT_PATHS,
  type CommandResult,
  commandResultSchema,
  type Rejection,
  type SignedCommand,
} from "@fleetdeck/protocol";
import type { ServerApi } from "./api";
import {
  type HandlerContext,
  HandlerError,
  type HandlerTable,
  HANDLERS,
  prepareCommand,
} from "./handlers";
import type { Ledger, LedgerEntry } from "./ledger";
import { errorMessage, type Logger } from "./log";
import type { Outbox } from "./outbox";
import type { StatusBoard } from "./state/status";
import { isExpired, verifyCommand } from "./verify";

export interface ExecutorDeps {
  hostId: string;
  serverKey: KeyObject;
  ledger: Ledger;
  outbox: Outbox;
  api: ServerApi;
  status: StatusBoard;
  log: Logger;
  context: HandlerContext;
  /** Wakes the outbox flusher after a result was queued. */
  kickOutbox(): void;
  handlers?: HandlerTable;
  now?: () => number;
}

export const commandPath = (id: string, what: "ack" | "result") =>
  `${AGENT_PATHS.commands}/${id}/${what}`;

/**
 * Runs commands one at a time, in arrival order: a second delivery of a command is
 * examined only after the first finished, so the ledger always answers "already run".
 */
export class CommandExecutor {
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: ExecutorDeps) {
    this.now = deps.now ?? Date.now;
  }

  submit(raw: unknown): void {
    this.chain = this.chain.then(() =>
      this.process(raw).catch((error) =>
        this.deps.log.error("command handling failed", { error: errorMessage(error) }),
      ),
    );
  }

  /** Resolves when everything submitted so far is done. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async process(raw: unknown): Promise<void> {
    const { deps } = this;
    const verdict = verifyCommand(raw, deps.serverKey, deps.hostId);
    if (!verdict.ok) return this.reject(verdict.id, verdict.rejection, verdict.error);
    const command = verdict.command;
    const seen = deps.ledger.find(command.id, command.idempotencyKey);
    if (seen) return this.replay(command, seen);
    if (isExpired(command, this.now()))
      return this.reject(command.id, "expired", "expired before it could start");
    const prepared = prepareCommand(command.type, command.args, deps.handlers ?? HANDLERS);
    if (!prepared.ok) return this.reject(command.id, prepared.rejection, prepared.error);
    await this.ack(command.id, "delivered");
    // Checked again right before starting: the ack may have taken a while.
    if (isExpired(command, this.now()))
      return this.reject(command.id, "expired", "expired before it could start");
    const startedAt = this.now();
    await deps.ledger.begin({
      id: command.id,
      idempotencyKey: command.idempotencyKey,
      type: command.type,
      startedAt,
    });
    await this.ack(command.id, "running");
    deps.log.info("running command", { id: command.id, type: command.type });
    const result = await this.run(() => prepared.run(deps.context), startedAt);
    await deps.ledger.finish(command.id, result);
    deps.status.update((s) => {
      s.commands.executed += 1;
    });
    deps.log.info("command finished", { id: command.id, type: command.type, state: result.state });
    await this.report(command.id, result);
  }

  private async run(work: () => Promise<{ output: unknown }>, startedAt: number) {
    const dryRun = this.deps.context.runner.dryRun || this.deps.context.config.dryRun;
    try {
      const { output } = await work();
      return this.result({ state: "succeeded", output, startedAt, exitCode: 0, dryRun });
    } catch (error) {
      const failure = error instanceof HandlerError ? error : null;
      return this.result({
        state: "failed",
        startedAt,
        dryRun,
        error: errorMessage(error).slice(0, 2_000),
        output: failure?.output ?? null,
        exitCode: failure?.exitCode ?? null,
        stderr: (failure?.stderr ?? "").slice(-16_384),
      });
    }
  }

  /** Already in the ledger (same id, or same idempotency key): report, never re-run. */
  private async replay(command: SignedCommand, seen: LedgerEntry): Promise<void> {
    let result = seen.result;
    if (result === null) {
      // Started by an earlier process that stopped mid-run: it may have had effects,
      // so at-most-once means reporting failure rather than running it again.
      result = this.result({
        state: "failed",
        startedAt: seen.startedAt,
        error: "interrupted: the agent stopped while this command ran; not run again",
      });
      await this.deps.ledger.finish(seen.id, result);
    }
    this.deps.log.info("duplicate command: re-posting the stored result", {
      id: command.id,
      ranAs: seen.id,
      idempotencyKey: command.idempotencyKey,
    });
    await this.report(command.id, result);
  }

  private async reject(id: string | null, rejection: Rejection, error: string): Promise<void> {
    this.deps.log.warn("command refused", { id, rejection, error });
    this.deps.status.update((s) => {
      s.commands.rejected += 1;
    });
    if (id === null) return;
    const dryRun = this.deps.context.config.dryRun;
    await this.report(id, this.result({ state: "rejected", rejection, error, dryRun }));
  }

  private result(fields: Partial<CommandResult> & Pick<CommandResult, "state">): CommandResult {
    return commandResultSchema.parse({ v: 1, finishedAt: this.now(), ...fields });
  }

  /** Results go through the outbox so a server that is away gets them later, in order. */
  private async report(id: string, result: CommandResult): Promise<void> {
    await this.deps.outbox.enqueue({
      kind: "command-result",
      path: commandPath(id, "result"),
      body: result,
    });
    this.deps.status.update((s) => {
      s.outbox = { queued: this.deps.outbox.size, dropped: this.deps.outbox.dropped };
    });
    this.deps.kickOutbox();
  }

  /** Best effort: a lost ack changes nothing, the result still follows. */
  private async ack(id: string, state: "delivered" | "running"): Promise<void> {
    try {
      const reply = await this.deps.api.post(commandPath(id, "ack"), { v: 1, state });
      if (reply.status >= 300)
        this.deps.log.warn("ack refused", { id, state, status: reply.status });
    } catch (error) {
      this.deps.log.warn("ack not delivered", { id, state, error: errorMessage(error) });
    }
  }
}
