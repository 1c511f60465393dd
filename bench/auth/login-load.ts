/**
 * Login latency at a steady 20 logins per second (password + TOTP, two requests each),
 * and whether other pages stay fast meanwhile: the p95 of a dashboard page under that
 * load against the same page on the idle server, measured in the same run.
 *
 * Run from the repo root with a PostgreSQL to create databases on:
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/auth/login-load.ts
 */
import { randomBytes } from "node:crypto";
import {
  ARGON2_PARAMS,
  createSession,
  DEFAULT_HASH_CONCURRENCY,
  generateTotpSecret,
  hashPassword,
  parseKeyring,
  seal,
  totpAt,
} from "@fleetdeck/auth";
import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/test-server";
import { startServer } from "../../apps/web/e2e/server-process";
import { percentile, round, summary } from "../lib/stats";

const RATE = 20;
const SECONDS = 30;
const PASSWORD = "bench password, long enough";
const keys = `b1:${randomBytes(32).toString("base64")}`;
const keyring = parseKeyring(keys);

const database = await createTestDatabase();
const db = createDb(database.url, { max: 4 });
const org = await db.prisma.organization.create({ data: { slug: "bench", name: "Bench" } });
const passwordHash = await hashPassword(PASSWORD);
const users: { email: string; secret: string }[] = [];
for (let i = 0; i < RATE * SECONDS + 50; i++) {
  const email = `u${i}@bench.test`;
  const secret = generateTotpSecret();
  const user = await db.prisma.user.create({
    data: { email, name: `User ${i}`, passwordHash, totpEnrolledAt: new Date() },
  });
  await db.prisma.user.update({
    where: { id: user.id },
    data: { totpSecret: seal(keyring, secret, `totp:${user.id}`) },
  });
  await db.prisma.membership.create({
    data: { organizationId: org.id, userId: user.id, role: "viewer" },
  });
  users.push({ email, secret });
}
const browsing = await createSession(db, (await db.prisma.user.findFirstOrThrow()).id, {
  ip: "127.0.0.1",
  userAgent: "bench",
});
await db.close();

const server = await startServer(database.url, {
  FLEETDECK_ENCRYPTION_KEYS: keys,
  LOG_LEVEL: "warn",
});
const json = { origin: server.url, "content-type": "application/json" };

async function pageLatency(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${server.url}/o/bench/fleet`, {
    headers: { cookie: `fleetdeck_session_dev=${browsing.token}` },
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`page answered ${res.status}`);
  return performance.now() - started;
}

async function browse(seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    samples.push(await pageLatency());
    await new Promise((r) => setTimeout(r, 100));
  }
  return samples;
}

async function login(user: { email: string; secret: string }): Promise<number> {
  const started = performance.now();
  const first = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  });
  const challenge = first.headers.getSetCookie()[0]?.split(";")[0] ?? "";
  await first.arrayBuffer();
  const second = await fetch(`${server.url}/api/auth/login/verify`, {
    method: "POST",
    headers: { ...json, cookie: challenge },
    body: JSON.stringify({ code: await totpAt(user.secret, new Date()) }),
  });
  await second.arrayBuffer();
  if (second.status !== 200) throw new Error(`login answered ${second.status}`);
  return performance.now() - started;
}

// Warm up: Next loads each route's code on its first request.
for (let i = 0; i < 20; i++) await pageLatency();
for (const user of users.slice(RATE * SECONDS)) await login(user);
const idle = await browse(10);

const logins: number[] = [];
let failures = 0;
const inflight: Promise<void>[] = [];
const busy = browse(SECONDS);
const start = performance.now();
for (let i = 0; i < RATE * SECONDS; i++) {
  const due = start + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const user = users[i] as { email: string; secret: string };
  inflight.push(
    login(user).then(
      (ms) => void logins.push(ms),
      () => void failures++,
    ),
  );
}
await Promise.all(inflight);
const elapsed = (performance.now() - start) / 1000;
const loaded = await busy;
await server.stop();
await database.drop();

console.log(
  `argon2id m=${ARGON2_PARAMS.memoryCost} KiB t=${ARGON2_PARAMS.timeCost} p=${ARGON2_PARAMS.parallelism}; hashing concurrency cap ${DEFAULT_HASH_CONCURRENCY}`,
);
console.log(
  `logins: ${logins.length} ok, ${failures} failed, ${round(logins.length / elapsed)} per second offered ${RATE}/s for ${SECONDS} s`,
);
console.log(`login latency (password + TOTP, 2 requests): ${summary(logins)}`);
console.log(`dashboard page, idle:        ${summary(idle)}`);
console.log(`dashboard page, under load:  ${summary(loaded)}`);
console.log(
  `page p95 ratio loaded/idle: ${round(percentile(loaded, 95) / percentile(idle, 95), 2)}×`,
);
process.exit(0);
