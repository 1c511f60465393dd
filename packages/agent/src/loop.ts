import { mkdir } from "node:fs/promises";
import { importPublicKey, MAX_CLOCK_SKEW_MS, type StreamHello } from "@fleetdeck/protocol";
import { ServerApi } from "./api";
import { Backoff } from "./backoff";
import { createClient } from "./client";
import { type AgentConfig, type AgentConfigInput, parseConfig } from "./config";
import { CrashService } from "./crash";
import { CommandExecutor } from "./executor";
import { FactsSource } from "./facts/source";
import { startOutboxFlusher } from "./flusher";
import type { HandlerTable } from "./handlers";
import { Heartbeat } from "./heartbeat";
import { Ledger } from "./ledger";
import { createLogger, type Logger } from "./log";
import { Outbox } from "./outbox";
import { dryRunRunner } from "./runner/dry-run";
import { execRunner } from "./runner/exec";
import type { CommandRunner } from "./runner/types";
import { readIdentity } from "./state/identity";
import { statePaths } from "./state/paths";
import {
  type AgentStatus,
  initialStatus,
  otherDaemon,
  readStatusFile,
  StatusBoard,
} from "./state/status";
import { runStream } from "./stream";
import { outboxReporter } from "./tc/auto-restore-report";
import { tcOptionsFromConfig } from "./tc/from-config";
import { TcService, type TcServiceOptions } from "./tc/service";

export interface StartOptions {
  /** Replaces the runner chosen from config (tests pass a recording runner). */
  runner?: CommandRunner;
  log?: Logger;
  handlers?: HandlerTable;
  /** Pins the backoff jitter in tests. */
  random?: () => number;
  /** tc overrides (tests: a namespace's interfaces, boot id, link monitor). */
  tc?: Partial<TcServiceOptions>;
}

export interface RunningAgent {
  readonly hostId: string;
  status(): AgentStatus;
  /** Stops every loop, lets a running command finish, writes the final status. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

export class NotEnrolledError extends Error {}
export class AlreadyRunningError extends Error {}

export function runnerFor(config: AgentConfig, log: Logger): CommandRunner {
  if (config.dryRun) return dryRunRunner((argv) => log.info("dry-run: not executed", { argv }));
  return execRunner({
    timeoutMs: config.toolTimeoutSeconds * 1000,
    maxOutputBytes: config.toolMaxOutputBytes,
  });
}

/** The daemon: connection, heartbeat, command handlers and outbox in one process. */
export async function startAgent(
  input: AgentConfigInput,
  options: StartOptions = {},
): Promise<RunningAgent> {
  const config = parseConfig(input);
  const log = options.log ?? createLogger(config.logLevel);
  const paths = statePaths(config.stateDir);
  const identity = await readIdentity(paths);
  if (!identity)
    throw new NotEnrolledError(`not enrolled (no ${paths.enrollment}): run fleetdeck-agent enroll`);
  const { enrollment, keys } = identity;
  // Two daemons on one state dir would each run every command once: twice in all.
  const other = otherDaemon(await readStatusFile(paths.status));
  if (other !== null)
    throw new AlreadyRunningError(`another fleetdeck-agent (pid ${other}) runs on ${paths.dir}`);
  const serverUrl = config.serverUrl ?? enrollment.serverUrl;
  const runner = options.runner ?? runnerFor(config, log);
  const dryRun = config.dryRun || runner.dryRun;
  await mkdir(paths.applied, { recursive: true, mode: 0o700 });
  const [ledger, outbox] = await Promise.all([
    Ledger.open(paths.ledger, config.ledgerMaxEntries),
    Outbox.open(paths.outbox, config.outboxMaxItems),
  ]);
  const board = new StatusBoard(paths.status, initialStatus(enrollment.hostId, serverUrl, dryRun));
  board.update((s) => {
    s.outbox = { queued: outbox.size, dropped: outbox.dropped };
  });
  // Written now, not debounced: a second daemon started a moment later must see this one.
  await board.flush();
  const client = createClient({
    serverUrl,
    hostId: enrollment.hostId,
    keys,
    requestTimeoutMs: config.requestTimeoutSeconds * 1000,
  });
  const api = new ServerApi(client, board, log, config.revokedRetrySeconds);
  const abort = new AbortController();
  const { signal } = abort;
  const backoff = () =>
    new Backoff({
      minMs: config.reconnectMinMs,
      maxMs: config.reconnectMaxMs,
      random: options.random,
    });
  const revokedRetryMs = config.revokedRetrySeconds * 1000;
  const facts = new FactsSource(config, runner);
  const flusher = startOutboxFlusher({
    outbox,
    api,
    status: board,
    log,
    signal,
    backoff: backoff(),
    revokedRetryMs,
  });
  const crash = await CrashService.open({
    config,
    api,
    runner,
    log,
    signal,
    backoff,
    revokedRetryMs,
  });
  const tc = await TcService.open({
    ...tcOptionsFromConfig(config, runner, log),
    // An injected runner (tests) does not run real tools: no real `ip monitor` either.
    ...(options.runner ? { monitorArgv: null } : {}),
    ...options.tc,
    reporter: outboxReporter(paths.outbox, ledger),
  });
  const heartbeat = new Heartbeat({
    api,
    facts,
    status: board,
    log,
    signal,
    dryRun,
    revokedRetryMs,
    intervalSeconds: config.heartbeatSeconds,
    factsMaxAgeMs: config.factsMaxAgeSeconds * 1000,
    tc,
    onAccepted: () => {
      flusher.kick();
      crash.kick();
    },
  });
  const agentStartedAt = Date.now();
  const executor = new CommandExecutor({
    hostId: enrollment.hostId,
    serverKey: importPublicKey(enrollment.serverPublicKey),
    ledger,
    outbox,
    api,
    status: board,
    log,
    context: {
      config,
      runner,
      facts,
      signal,
      agentStartedAt,
      requestFacts: () => heartbeat.requestFacts(),
      tc,
      crash,
    },
    kickOutbox: () => flusher.kick(),
    ...(options.handlers ? { handlers: options.handlers } : {}),
  });
  const onHello = (hello: StreamHello) => {
    const skew = hello.serverTime - Date.now();
    if (Math.abs(skew) > MAX_CLOCK_SKEW_MS / 2)
      log.warn("clock differs from the server's; signed requests may be refused", { skewMs: skew });
    heartbeat.setInterval(hello.heartbeatIntervalSeconds);
  };
  const loops = [
    heartbeat.run(),
    flusher.done,
    runStream({
      api,
      status: board,
      log,
      signal,
      backoff: backoff(),
      revokedRetryMs,
      healthyMs: config.streamHealthySeconds * 1000,
      idleMs: config.streamIdleSeconds * 1000,
      onOpen: () => flusher.kick(),
      onHello,
      onCommand: (raw) => executor.submit(raw),
    }),
    crash.run(),
  ];
  tc.start(signal);
  log.info("agent started", { hostId: enrollment.hostId, serverUrl, dryRun });
  return {
    hostId: enrollment.hostId,
    status: () => board.snapshot(),
    async stop() {
      abort.abort();
      tc.stop();
      // A running command gets a moment to finish; one that does not is reported as
      // interrupted by the next start (the ledger says it began).
      const settle = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.allSettled([...loops, Promise.race([executor.idle(), settle])]);
      board.update((s) => {
        s.running = false;
        s.connection = s.connection === "revoked" ? "revoked" : "disconnected";
        s.connectedSince = null;
      });
      await board.flush();
      client.close();
      log.info("agent stopped");
    },
  };
}
