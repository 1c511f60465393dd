// Bootstrap helpers for `npm start` and `npm test`: they need nothing but Node 20,
// so pnpm itself is installed on first use into .fleetdeck/tools (pinned version).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pnpmVersion = JSON.parse(
  readFileSync(path.join(root, "package.json"), "utf8"),
).packageManager.split("@")[1];
const toolsDir = path.join(root, ".fleetdeck", "tools");
const pnpmDir = path.join(toolsDir, "node_modules", "pnpm");

export const baseEnv = {
  ...process.env,
  // turbo and package scripts call `pnpm` by name: the pinned one comes first.
  PATH: `${path.join(toolsDir, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

export function say(line) {
  process.stdout.write(`fleetdeck: ${line}\n`);
}

function installedPnpm() {
  try {
    return JSON.parse(readFileSync(path.join(pnpmDir, "package.json"), "utf8"));
  } catch {
    return null;
  }
}

/** The pnpm executable named by its package.json (pnpm 12 ships a native binary there). */
function pnpmEntry() {
  const bin = installedPnpm()?.bin;
  return path.join(pnpmDir, typeof bin === "string" ? bin : bin.pnpm);
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: baseEnv, ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(command)} ${args.slice(0, 3).join(" ")} exited with ${signal ?? code}`,
          ),
        );
    });
  });
}

export function pnpm(args, options) {
  return run(pnpmEntry(), args, options);
}

/** pnpm at the pinned version, then the workspace's dependencies, each only when needed. */
export async function ensureInstalled() {
  if (installedPnpm()?.version !== pnpmVersion) {
    say(`installing pnpm ${pnpmVersion} into .fleetdeck/tools (once)`);
    const result = spawnSync(
      "npm",
      [
        "install",
        "--prefix",
        toolsDir,
        "--no-save",
        "--no-package-lock",
        "--silent",
        `pnpm@${pnpmVersion}`,
      ],
      {
        cwd: root,
        stdio: "inherit",
        env: baseEnv,
      },
    );
    if (result.status !== 0) throw new Error("could not install pnpm from the npm registry");
  }
  const marker = path.join(root, "node_modules", ".pnpm", "lock.yaml");
  const lockfile = path.join(root, "pnpm-lock.yaml");
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lockfile).mtimeMs) {
    say("installing dependencies (pnpm install --frozen-lockfile)");
    await pnpm(["install", "--frozen-lockfile", "--reporter=append-only"]);
  }
}

export function turbo(args, options) {
  return pnpm(
    ["exec", "turbo", ...args, "--output-logs=errors-only", "--log-prefix=task"],
    options,
  );
}
