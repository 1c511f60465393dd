import { defineConfig } from "vitest/config";

// One run over every package, so the summary line covers the whole suite. The global
// setup (a PostgreSQL server and a migrated template database) runs once for all.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
    globalSetup: ["packages/db/src/testing/global-setup.ts"],
    // Vitest's default on 2 cores is one file at a time. The browser, agent and namespace
    // tests mostly wait on servers, agents and bake times, so two files at once cut the
    // wall time by a quarter; three were no faster, and namespace tests then queue on the
    // kernel's rtnl lock. Files that run together keep apart by pid-derived names
    // (namespaces, databases) and free ports.
    maxWorkers: 2,
  },
});
