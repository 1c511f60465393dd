#!/usr/bin/env node
// `npm start`: installs what is missing, builds what changed, and starts Fleetdeck on
// port 3000. Without DATABASE_URL it runs an embedded PostgreSQL under .fleetdeck/.
import { spawn } from "node:child_process";
import path from "node:path";
import { baseEnv, ensureInstalled, root, say, turbo } from "./toolchain.mjs";

const started = Date.now();
try {
  await ensureInstalled();
  // The dashboard and the agent bundle the demo fleet runs.
  await turbo(["run", "build", "--filter=@fleetdeck/web...", "--filter=@fleetdeck/agent"]);
} catch (error) {
  process.stderr.write(`fleetdeck: ${error.message}\n`);
  process.exit(1);
}
say(
  `ready to start after ${((Date.now() - started) / 1000).toFixed(1)} s of install and build checks`,
);

const server = spawn(
  process.execPath,
  ["--import", "tsx", path.join("apps", "web", "server", "main.ts")],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...baseEnv, FLEETDECK_STARTED_AT: String(started) },
  },
);
// Ctrl-C reaches the server too (same process group); wait for its clean shutdown.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal === "SIGHUP" ? "SIGTERM" : signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
