import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface MigrationFile {
  /** Folder name, `<timestamp>_<name>`, as Prisma records it. */
  name: string;
  sql: string;
  /** SHA-256 hex of the file's bytes: what Prisma's CLI stores in `checksum`. */
  checksum: string;
}

const MIGRATION_NAME = /^\d{14}_[a-z0-9_]+$/;

/** Reads `<dir>/<timestamp>_<name>/migration.sql` in name order, Prisma's layout. */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && MIGRATION_NAME.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    });
}

/** Walks up from `start` to the workspace root (the folder with pnpm-workspace.yaml). */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${start}`);
    dir = parent;
  }
}

export function defaultMigrationsDir(start?: string): string {
  return path.join(findRepoRoot(start), "prisma", "migrations");
}
