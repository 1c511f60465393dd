import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { PACKAGE_DIR } from "./fixtures";

/** The same options as the package's `build` script (a test keeps them in step). */
export const BUNDLE_FLAGS = [
  "--bundle",
  "--platform=node",
  "--format=esm",
  "--target=node20",
  '--banner:js="#!/usr/bin/env node"',
];

/** Bundles src/cli.ts into `outfile`: one file, everything inside, Node 20+. */
export async function buildBundle(outfile: string): Promise<string> {
  await mkdir(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(PACKAGE_DIR, "src", "cli.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "silent",
  });
  return outfile;
}

/** A fresh bundle alone in `dir` (a temp dir: no node_modules anywhere above it). */
export function isolatedBundle(dir: string): Promise<string> {
  return buildBundle(join(dir, "fleetdeck-agent.mjs"));
}
