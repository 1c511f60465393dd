// `pnpm db:migrate:new <name>`: writes the SQL that brings the migrations up to
// prisma/schema.prisma as prisma/migrations/<timestamp>_<name>/migration.sql.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultMigrationsDir } from "../migrate/migrations-dir";
import { diffMigrationsToSchema } from "../migrate/schema-engine";
import { withDevServer } from "./dev-server";

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
  console.error("usage: pnpm db:migrate:new <name>   (lower case, digits and _ , e.g. add_hosts)");
  process.exit(2);
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

const migrationsDir = defaultMigrationsDir();
const diff = await withDevServer((adminUrl) => diffMigrationsToSchema({ adminUrl, migrationsDir }));
if (diff.empty) {
  console.log("schema.prisma and the migrations agree: nothing to write.");
  process.exit(0);
}
const folder = path.join(migrationsDir, `${timestamp()}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), diff.script);
console.log(
  `wrote ${path.relative(process.env.INIT_CWD ?? process.cwd(), path.join(folder, "migration.sql"))}`,
);
console.log("Read it, add what Prisma cannot express (triggers, data moves), and commit it.");
