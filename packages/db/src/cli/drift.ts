// `pnpm db:drift`: exits 1 with the missing SQL when schema.prisma has changed
// without a migration.
import { defaultMigrationsDir } from "../migrate/migrations-dir";
import { diffMigrationsToSchema } from "../migrate/schema-engine";
import { withDevServer } from "./dev-server";

const diff = await withDevServer((adminUrl) =>
  diffMigrationsToSchema({ adminUrl, migrationsDir: defaultMigrationsDir() }),
);
if (diff.empty) {
  console.log("no drift: the migrations produce schema.prisma exactly");
} else {
  console.error(
    "schema.prisma differs from the migrations; run `pnpm db:migrate:new <name>`. Missing SQL:",
  );
  console.error(diff.script);
  process.exit(1);
}
