import { type ChildProcess, spawn } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";
import { freePort, stopProcessGroup, waitForHealth } from "../../apps/web/e2e/server-process";

const repoRoot = path.resolve(import.meta.dirname, "../..");

export interface Process {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The real server (apps/web/server/main.ts, as `npm start` runs it), its log going to a
 * file rather than through a pipe this process would have to drain. `nodeArgs` adds
 * flags such as --cpu-prof.
 */
export async function startFleetdeck(options: {
  databaseUrl: string;
  env: Record<string, string>;
  logFile: string;
  nodeArgs?: string[];
}): Promise<Process> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(options.logFile, "w");
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", "server/main.ts"],
    {
      cwd: path.join(repoRoot, "apps", "web"),
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/root",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: options.databaseUrl,
        FLEETDECK_PUBLIC_URL: url,
        ...options.env,
      },
      stdio: ["ignore", log, log],
      detached: true,
    },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) =>
      reject(new Error(`server exited (${code}); see ${options.logFile}`)),
    ),
  );
  await Promise.race([waitForHealth(url, 120_000), exited]);
  exited.catch(() => {});
  return { url, pid: child.pid as number, child, stop: () => stopProcessGroup(child) };
}

/** The bare server (bare-server.ts): node:http, no auth, no database. */
export async function startBare(): Promise<Process> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "bare-server.ts"), String(port)],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root" },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, 30_000);
  return { url, pid: child.pid as number, child, stop: () => stopProcessGroup(child) };
}

/** `name value` lines of a Prometheus exposition, for the few gauges read here. */
export async function scrapeMetrics(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/api/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+) ([0-9.e+-]+)$/.exec(line);
    if (match) values.set(match[1] as string, Number(match[2]));
  }
  return values;
}
