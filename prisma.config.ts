import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// `prisma generate` never runs the schema engine but refuses to start without one,
// and none can be downloaded here: point it at any existing file (TOOLCHAIN.md).
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  // `env()` throws when the variable is unset, even for generate.
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unset" },
});
