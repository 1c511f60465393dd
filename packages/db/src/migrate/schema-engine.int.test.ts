import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { testServerUrl } from "../testing/test-server";
import { defaultMigrationsDir, findRepoRoot } from "./migrations-dir";
import { diffMigrationsToSchema } from "./schema-engine";

const schemaFile = path.join(findRepoRoot(), "prisma", "schema.prisma");

describe("schema drift", () => {
  test("the committed migrations produce schema.prisma exactly", async () => {
    const diff = await diffMigrationsToSchema({
      adminUrl: testServerUrl(),
      migrationsDir: defaultMigrationsDir(),
    });
    expect(diff.script, "run `pnpm db:migrate:new <name>` and commit the migration").not.toMatch(
      /CREATE|ALTER|DROP/,
    );
    expect(diff.empty).toBe(true);
  });

  test("a schema change without a migration is caught, with the SQL it needs", async () => {
    const changed = path.join(
      mkdtempSync(path.join(tmpdir(), "fleetdeck-drift-")),
      "schema.prisma",
    );
    const source = readFileSync(schemaFile, "utf8");
    writeFileSync(
      changed,
      source.replace(/model Organization \{/, "model Organization {\n  plan String?"),
    );
    const diff = await diffMigrationsToSchema({
      adminUrl: testServerUrl(),
      migrationsDir: defaultMigrationsDir(),
      schemaFile: changed,
    });
    expect(diff.empty).toBe(false);
    expect(diff.script).toContain('ALTER TABLE "organization" ADD COLUMN     "plan" TEXT');
  });
});
