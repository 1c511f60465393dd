import { percentile, round } from "../lib/stats";
import type { AgentIdle } from "./agent-idle";
import type { PushOutcome } from "./fleet";
import type { Plan, TargetRun } from "./run-target";
import type { BatchTiming } from "./upsert-limit";

export interface Report {
  agents: number;
  plan: Plan;
  enrollSeconds: number;
  real: TargetRun;
  limit: TargetRun;
  upserts: BatchTiming[];
  agentIdle: AgentIdle | null;
}

const ms = (values: number[], p: number) => round(percentile(values, p), 0);
/** Any cell: NaN (nothing measured) as a dash. */
const cell = (text: string) => (text.includes("NaN") ? "–" : text);
const pooled = (waves: PushOutcome[]) => waves.flatMap((w) => w.latencies);
const missing = (waves: PushOutcome[]) => waves.reduce((n, w) => n + w.missing, 0);
const perAgentKiB = (
  run: TargetRun,
  agents: number,
  key: "rss" | "heap",
  from: "ready" | "idle" = "ready",
) => round((run.memory.connected[key] - run.memory[from][key]) / agents / 1024, 1);
const mb = (bytes: number) => round(bytes / 1024 / 1024, 0);
const rssLine = (run: TargetRun) =>
  `${mb(run.memory.idle.rss)} / ${mb(run.memory.ready.rss)} / ${mb(run.memory.connected.rss)} / ${mb(run.memory.after.rss)} MB`;
const heapLine = (run: TargetRun) =>
  `${mb(run.memory.idle.heap)} / ${mb(run.memory.ready.heap)} / ${mb(run.memory.connected.heap)} / ${mb(run.memory.after.heap)} MB`;
const ratio = (a: number, b: number) => (b > 0 ? `${round(a / b, 1)}×` : "–");
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

export function printReport(r: Report): void {
  const { real, limit, agents, plan } = r;
  const rows: string[][] = [];
  const row = (...cells: (string | number)[]) => rows.push(cells.map((c) => cell(String(c))));

  const p99 = (run: TargetRun) => ms(run.beats, 99);
  row(
    `heartbeat latency p50 / p99, steady ${plan.measureSeconds} s (n ≈ ${real.beats.length})`,
    `${ms(real.beats, 50)} / ${p99(real)} ms`,
    `${ms(limit.beats, 50)} / ${p99(limit)} ms`,
    ratio(p99(real), p99(limit)),
    "p99 < 250 ms",
    verdict(p99(real) < 250 && real.beatErrors === 0),
  );
  row(
    "heartbeat latency p99 while the pushes ran",
    `${ms(real.beatsWhilePushing, 99)} ms`,
    `${ms(limit.beatsWhilePushing, 99)} ms`,
    ratio(ms(real.beatsWhilePushing, 99), ms(limit.beatsWhilePushing, 99)),
    "",
    "",
  );
  row(
    "start-up: every agent's first heartbeat (carries its facts) p99; all answered after",
    `${ms(real.firstBeats, 99)} ms; ${round(real.startupSeconds, 0)} s`,
    `${ms(limit.firstBeats, 99)} ms; ${round(limit.startupSeconds, 0)} s`,
    "",
    "",
    "",
  );
  const single = (run: TargetRun) => run.single.latencies;
  row(
    `push to 1 host, enqueue → ack p50 / p99 (n = ${real.single.latencies.length})`,
    `${ms(single(real), 50)} / ${ms(single(real), 99)} ms`,
    `${ms(single(limit), 50)} / ${ms(single(limit), 99)} ms`,
    ratio(ms(single(real), 99), ms(single(limit), 99)),
    "p99 < 1 s",
    verdict(ms(single(real), 99) < 1000 && real.single.missing === 0),
  );
  const wave = (run: TargetRun) => pooled(run.waves);
  row(
    `push to ${plan.waveSize} hosts at once, enqueue → each ack p50 / p99 / max (${plan.waves} waves pooled)`,
    `${ms(wave(real), 50)} / ${ms(wave(real), 99)} / ${ms(wave(real), 100)} ms`,
    `${ms(wave(limit), 50)} / ${ms(wave(limit), 99)} / ${ms(wave(limit), 100)} ms`,
    ratio(ms(wave(real), 99), ms(wave(limit), 99)),
    "p99 < 1 s",
    verdict(ms(wave(real), 99) < 1000 && missing(real.waves) === 0),
  );
  row(
    "server memory per connected agent: RSS (all connected − enrolled, none connected) ÷ agents",
    `${perAgentKiB(real, agents, "rss")} KiB`,
    `${perAgentKiB(limit, agents, "rss")} KiB`,
    ratio(perAgentKiB(real, agents, "rss"), perAgentKiB(limit, agents, "rss")),
    "≤ 32 KiB",
    verdict(perAgentKiB(real, agents, "rss") <= 32),
  );
  row(
    "  the same from the server's fresh start (enrollment's warm-up included)",
    `${perAgentKiB(real, agents, "rss", "idle")} KiB`,
    `${perAgentKiB(limit, agents, "rss", "idle")} KiB`,
    "",
    "",
    "",
  );
  row(
    "  the same, V8 heap used",
    `${perAgentKiB(real, agents, "heap")} KiB`,
    `${perAgentKiB(limit, agents, "heap")} KiB`,
    "",
    "",
    "",
  );
  for (const u of r.upserts) {
    row(
      `heartbeat write, one batch of ${u.size}: p50 / max of 10 (Fleetdeck's flushBeats vs a plain upsert)`,
      `${round(u.fleetdeck.p50)} / ${round(u.fleetdeck.max)} ms`,
      `${round(u.bare.p50)} / ${round(u.bare.max)} ms`,
      ratio(u.fleetdeck.p50, u.bare.p50),
      "",
      "",
    );
  }
  const cores = (run: TargetRun, key: string) => round(run.cpu[key] ?? Number.NaN, 2);
  row(
    "server CPU in the steady window (cores)",
    cores(real, "server"),
    cores(limit, "server"),
    ratio(cores(real, "server"), cores(limit, "server")),
    "",
    "",
  );
  row(
    "PostgreSQL backends of the bench database (cores)",
    cores(real, "postgres"),
    "–",
    "",
    "",
    "",
  );
  row(
    "simulator CPU (cores) / its event-loop delay p99",
    `${cores(real, "simulator")} / ${round(real.loopDelayP99Ms)} ms`,
    `${cores(limit, "simulator")} / ${round(limit.loopDelayP99Ms)} ms`,
    "",
    "",
    "",
  );
  row(
    "whole machine busy, of 2 cores (other work included)",
    cores(real, "machine"),
    cores(limit, "machine"),
    "",
    "",
    "",
  );
  if (r.agentIdle) {
    const a = r.agentIdle;
    row(
      `the real agent idle ${round(a.seconds, 0)} s: RSS avg / max, CPU`,
      `${round(a.rssAvgMb)} / ${round(a.rssMaxMb)} MB, ${round(a.cpuPercent, 2)} % of a core`,
      "–",
      "",
      "≤ 60 MB, < 0.5 %",
      verdict(a.rssMaxMb <= 60 && a.cpuPercent < 0.5),
    );
  }

  const out = (line = "") => process.stdout.write(`${line}\n`);
  out(
    `${agents} agents, heartbeat every ${plan.heartbeatSeconds} s; enrolled over HTTP in ${round(r.enrollSeconds)} s (${round(agents / r.enrollSeconds, 0)}/s); ` +
      `streams opened in ${round(real.connectSeconds)} s (bare: ${round(limit.connectSeconds)} s), 100 at a time.`,
  );
  out(
    `Server RSS fresh / enrolled / ${agents} connected / after they left: ` +
      `Fleetdeck ${rssLine(real)}; bare ${rssLine(limit)} (heap used, Fleetdeck: ${heapLine(real)}).`,
  );
  out();
  out("| figure | Fleetdeck | bare limit, same run | Fleetdeck ÷ limit | target | |");
  out("| --- | --- | --- | --- | --- | --- |");
  for (const cells of rows) out(`| ${cells.join(" | ")} |`);
  out();
  for (const [name, run] of [
    ["Fleetdeck", real],
    ["bare", limit],
  ] as const) {
    out(
      `${name}: ${run.beatErrors} heartbeat errors, ${run.drops} streams dropped, ${run.refusals} commands refused, ` +
        `${run.single.missing + missing(run.waves)} acks missing; ${run.connectionsOpened} connections opened; ` +
        `server held ${run.serverFds} descriptors; ` +
        `machine-wide meanwhile: ${run.listenOverflows} accept-queue overflows, ${run.softnetDrops} packets dropped by the input backlog.`,
    );
    for (const [problem, count] of run.problems) out(`- ${count} × ${problem}`);
  }
  if (r.agentIdle)
    out(`Agent bundle built ${r.agentIdle.bundleBuiltAt.toISOString()}, run in dry-run mode.`);
}
