import { defineConfig } from "vitest/config";

// One run over every package, so the summary line covers the whole suite. The global
// setup (a PostgreSQL server and a migrated template database) runs once for all.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
    globalSetup: ["packages/db/src/testing/global-setup.ts"],
  },
});
