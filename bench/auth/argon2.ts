/**
 * argon2id at the production parameters: single-request latency (p50/p95) of hash and
 * verify, then throughput of a login flood with the concurrency cap at 1, 2 and 4.
 * Run from the repo root: npx tsx bench/auth/argon2.ts
 */
import { cpus } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { ARGON2_PARAMS } from "../../packages/auth/src/password/params";
import { createPasswordHasher } from "../../packages/auth/src/password/hash";

const SAMPLES = 60;
const FLOOD = 120;
const password = "correct horse battery staple";

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function latency(label: string, op: () => Promise<unknown>): Promise<void> {
  await op(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await op();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50).toFixed(1);
  const p95 = percentile(times, 95).toFixed(1);
  console.log(`${label.padEnd(8)} p50 ${p50} ms   p95 ${p95} ms   (${SAMPLES} sequential)`);
}

async function flood(concurrency: number, stored: string): Promise<void> {
  const hasher = createPasswordHasher({ concurrency, maxQueue: FLOOD });
  const waits: number[] = [];
  // Hashing runs off the main thread; this shows what the rest of the server would feel.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: FLOOD }, async () => {
      const t0 = performance.now();
      await hasher.verifyPassword(stored, password);
      waits.push(performance.now() - t0);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  loop.disable();
  waits.sort((a, b) => a - b);
  console.log(
    `cap ${concurrency}    ${(FLOOD / seconds).toFixed(1).padStart(6)} verifies/s   ` +
      `request p50 ${percentile(waits, 50).toFixed(0)} ms, p95 ${percentile(waits, 95).toFixed(0)} ms   ` +
      `event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  const { memoryCost, timeCost, parallelism } = ARGON2_PARAMS;
  console.log(
    `argon2id m=${memoryCost} KiB t=${timeCost} p=${parallelism}; ${cpus().length} CPUs, ` +
      `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
  );
  const hasher = createPasswordHasher({ concurrency: 1, maxQueue: 0 });
  const stored = await hasher.hashPassword(password);
  await latency("hash", () => hasher.hashPassword(password));
  await latency("verify", () => hasher.verifyPassword(stored, password));
  console.log(`\nflood of ${FLOOD} concurrent verifies (queue large enough to admit all):`);
  for (const cap of [1, 2, 4]) await flood(cap, stored);
}

await main();
