import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { percentile } from "../lib/stats";
import type { Fleet, PushOutcome } from "./fleet";
import { cpuWindow, listenOverflows, openFds, rssBytes, sampleFor, softnetDrops } from "./proc";
import { type Process, scrapeMetrics } from "./servers";
import { opened } from "./sim-agent";

export interface Memory {
  /** Medians over a few seconds of samples, bytes. */
  rss: number;
  heap: number;
}

export interface TargetRun {
  connectSeconds: number;
  /** Heartbeat latencies in the steady window, and while the pushes ran. */
  beats: number[];
  beatsWhilePushing: number[];
  /** The first beat of each agent carries its facts (as the agent's does after a start). */
  firstBeats: number[];
  /** From the first heartbeat sent to the last first heartbeat answered. */
  startupSeconds: number;
  beatErrors: number;
  single: PushOutcome;
  waves: PushOutcome[];
  /**
   * At rest when started; `ready`: after enrollment (its traffic warmed the server's code
   * and pools up), just before the streams open; with every agent connected; after they left.
   */
  memory: { idle: Memory; ready: Memory; connected: Memory; after: Memory };
  /** Cores busy during the steady heartbeat window, by process group. */
  cpu: Record<string, number>;
  /** This process's event-loop delay p99 during the steady window, ms. */
  loopDelayP99Ms: number;
  drops: number;
  refusals: number;
  /** Most descriptors the server held, and accept-queue overflows (machine-wide) in the run. */
  serverFds: number;
  listenOverflows: number;
  /** Packets dropped by the kernel's input backlog (machine-wide) in the run. */
  softnetDrops: number;
  /** TCP connections the simulator opened to this server (2 per agent if keep-alive held). */
  connectionsOpened: number;
  problems: [string, number][];
}

export interface Plan {
  heartbeatSeconds: number;
  measureSeconds: number;
  connectConcurrency: number;
  singlePushes: number;
  waveSize: number;
  waves: number;
}

export interface Triggers {
  single(hostId: string): Promise<unknown>;
  wave(hostIds: string[], round: number): Promise<unknown>;
  /** PostgreSQL backends serving this target (their CPU is counted), if any. */
  databasePids(): Promise<number[]>;
}

/**
 * RSS every half second; the heap from the metrics endpoint every 5 s only, as a
 * Prometheus would: collecting them lists every open handle and descriptor, which costs
 * the server real time with ten thousand sockets open.
 */
async function memory(server: Process, seconds: number): Promise<Memory> {
  const heaps: number[] = [];
  let sample = 0;
  const rss = await sampleFor(seconds * 1000, 500, async () => {
    if (sample++ % 10 === 0)
      heaps.push(
        (await scrapeMetrics(server.url)).get("nodejs_heap_size_used_bytes") ?? Number.NaN,
      );
    return rssBytes(server.pid);
  });
  return { rss: percentile(rss, 50), heap: percentile(heaps, 50) };
}

const pick = <T>(list: readonly T[], count: number): T[] => {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
};

/**
 * One target (Fleetdeck or the bare server) through the same steps: memory at rest, every
 * agent connects and beats, a steady window of heartbeats, pushes to one host and to
 * waves of hosts while the beats go on, then everyone leaves and memory settles.
 */
export async function runTarget(
  server: Process,
  fleet: Fleet,
  plan: Plan,
  triggers: Triggers,
  log: (line: string) => void,
  beforeConnect: () => Promise<void> = async () => {},
): Promise<TargetRun> {
  fleet.reset();
  const overflowsBefore = listenOverflows();
  const dropsBefore = softnetDrops();
  const openedBefore = opened.connections;
  const idle = await memory(server, 5);
  await beforeConnect();
  const ready = await memory(server, 5);
  let started = performance.now();
  await fleet.connect(plan.connectConcurrency);
  const connectSeconds = (performance.now() - started) / 1000;
  log(`${fleet.agents.length} streams open in ${connectSeconds.toFixed(1)} s`);

  const intervalMs = plan.heartbeatSeconds * 1000;
  const beatsFrom = performance.now();
  fleet.startHeartbeats(intervalMs);
  // Start-up first (every agent's first beat carries its facts), then one quiet interval.
  const startup = performance.now();
  while (fleet.beats.filter((b) => b.withFacts).length + fleet.beatErrors < fleet.agents.length) {
    if (performance.now() - startup > 300_000)
      throw new Error("the first heartbeats never drained");
    await sleep(1000);
  }
  const startupSeconds = (performance.now() - startup) / 1000;
  log(`every first heartbeat answered after ${startupSeconds.toFixed(0)} s`);
  await sleep(intervalMs);

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const databasePids = await triggers.databasePids();
  const cpu = cpuWindow({ server: [server.pid], postgres: databasePids, simulator: [process.pid] });
  started = performance.now();
  const connected = await memory(server, plan.measureSeconds);
  const serverFds = openFds(server.pid);
  const used = cpu();
  const ended = performance.now();
  loop.disable();
  log(`steady window: ${((ended - started) / 1000).toFixed(0)} s`);

  const hostIds = fleet.agents.map((a) => a.hostId);
  const single: PushOutcome = { latencies: [], missing: 0 };
  for (const hostId of pick(hostIds, plan.singlePushes)) {
    const outcome = await fleet.push([hostId], () => triggers.single(hostId));
    single.latencies.push(...outcome.latencies);
    single.missing += outcome.missing;
    await sleep(150);
  }
  const waves: PushOutcome[] = [];
  for (let round = 0; round < plan.waves; round++) {
    await sleep(2000);
    const ids = pick(hostIds, plan.waveSize);
    waves.push(await fleet.push(ids, () => triggers.wave(ids, round)));
  }
  const pushesEnded = performance.now();
  log("pushes done");

  await fleet.stopHeartbeats();
  await fleet.close();
  await sleep(10_000);
  const after = await memory(server, 5);
  return {
    connectSeconds,
    beats: fleet.beatsBetween(started, ended),
    beatsWhilePushing: fleet.beatsBetween(ended, pushesEnded),
    firstBeats: fleet.beatsBetween(beatsFrom, ended, true),
    startupSeconds,
    beatErrors: fleet.beatErrors,
    single,
    waves,
    memory: { idle, ready, connected, after },
    cpu: used,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    drops: fleet.drops,
    refusals: fleet.refusals,
    serverFds,
    listenOverflows: listenOverflows() - overflowsBefore,
    softnetDrops: softnetDrops() - dropsBefore,
    connectionsOpened: opened.connections - openedBefore,
    problems: [...fleet.problems],
  };
}
