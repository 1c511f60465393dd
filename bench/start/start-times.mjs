#!/usr/bin/env node
// Cold and warm `npm start` of a fresh clone, to the first 200 from /api/health and from
// the sign-in page. "Cold" also empties npm's cache and pnpm's store, as on a new machine.
//   node bench/start/start-times.mjs            (needs port 3000 free; takes a few minutes)
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const work = mkdtempSync(path.join(tmpdir(), "fleetdeck-start-"));
// mkdtemp makes it 0700; the embedded PostgreSQL runs as its own user and must get in.
chmodSync(work, 0o755);
const clone = path.join(work, "fleetdeck");
execFileSync("git", ["clone", "--quiet", "--no-local", repo, clone]);
// Keep only the system PATH: no pnpm, no project tools.
const env = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: process.env.HOME,
  npm_config_cache: path.join(work, "npm-cache"),
  npm_config_store_dir: path.join(work, "pnpm-store"),
};

async function firstOk(url, deadline) {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} never answered 200`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function timedStart(label) {
  const started = Date.now();
  const child = spawn("npm", ["start"], {
    cwd: clone,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const deadline = started + 15 * 60 * 1000;
  try {
    await firstOk("http://localhost:3000/api/health", deadline);
    const health = (Date.now() - started) / 1000;
    await firstOk("http://localhost:3000/login", deadline);
    const page = (Date.now() - started) / 1000;
    console.log(
      `${label}: /api/health 200 after ${health.toFixed(1)} s, /login 200 after ${page.toFixed(1)} s`,
    );
  } catch (error) {
    console.log(output.slice(-3000));
    throw error;
  } finally {
    process.kill(-child.pid, "SIGINT");
    await new Promise((r) => child.once("exit", r));
  }
}

console.log(
  `clone: ${clone} (commit ${execFileSync("git", ["-C", clone, "rev-parse", "--short", "HEAD"]).toString().trim()})`,
);
await timedStart(
  "cold start (empty npm cache and pnpm store, no node_modules, no build, no database)",
);
await timedStart("warm start (second run, same clone)");
rmSync(work, { recursive: true, force: true });
