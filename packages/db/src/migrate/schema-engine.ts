import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const repoRoot = path.resolve(packageDir, "../..");

/**
 * Prisma 6 wants `url = env(...)` in the datasource and Prisma 7 forbids it, so the
 * engine reads a derived, gitignored copy of the one schema file.
 */
export function derivePrisma6Schema(schemaFile: string, outFile: string): string {
  const source = readFileSync(schemaFile, "utf8");
  const withoutGenerators = source.replace(/generator\s+\w+\s*\{[^}]*\}/g, "");
  const derived = withoutGenerators.replace(
    /datasource\s+(\w+)\s*\{[^}]*\}/,
    'datasource $1 {\n  provider = "postgresql"\n  url      = env("FLEETDECK_SCHEMA_ENGINE_URL")\n}',
  );
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, derived);
  return outFile;
}

export interface SchemaDiff {
  /** True when the migrations already produce what the schema describes. */
  empty: boolean;
  /** The SQL that brings the migrations' result to the schema. */
  script: string;
}

/**
 * Diffs the database the migrations produce (replayed in a throwaway shadow database on
 * the server at `adminUrl`) against `schemaFile`.
 */
export async function diffMigrationsToSchema(options: {
  adminUrl: string;
  migrationsDir: string;
  schemaFile?: string;
}): Promise<SchemaDiff> {
  const schemaFile = options.schemaFile ?? path.join(repoRoot, "prisma", "schema.prisma");
  const derived = derivePrisma6Schema(
    schemaFile,
    path.join(
      repoRoot,
      "prisma",
      ".prisma6",
      `${path.basename(schemaFile, ".prisma")}-${process.pid}.prisma`,
    ),
  );
  const require = createRequire(path.join(packageDir, "package.json"));
  const cli = path.join(
    path.dirname(require.resolve("prisma-migrate6/package.json")),
    "build",
    "index.js",
  );
  const args = [
    cli,
    "migrate",
    "diff",
    "--config",
    path.join(packageDir, "prisma6.config.ts"),
    "--from-migrations",
    options.migrationsDir,
    "--to-schema-datamodel",
    derived,
    "--script",
    "--exit-code",
  ];
  const env = {
    ...process.env,
    FLEETDECK_SCHEMA_ENGINE_URL: options.adminUrl,
    // Nothing may be downloaded: point the engine paths at any existing file.
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  try {
    const { stdout } = await run(process.execPath, args, {
      cwd: packageDir,
      env,
      maxBuffer: 16 << 20,
    });
    return { empty: true, script: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (e.code === 2) return { empty: false, script: e.stdout ?? "" };
    throw new Error(
      `prisma migrate diff failed: ${(e.stderr || e.stdout || String(error)).trim()}`,
    );
  } finally {
    rmSync(derived, { force: true });
  }
}
