import { defineConfig } from "vitest/config";

// One run over every package, so the summary line covers the whole suite. The global
// setup (a PostgreSQL server and a migrated template database) runs once for all.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
    globalSetup: ["packages/db/src/testing/global-setup.ts"],
    // Vitest's default on 2 cores is one file at a time; the browser, agent and namespace
    // tests mostly wait on servers, agents and bake times, so three at once (on 2 cores) cut
    // the wall time by about half. Files that run together keep apart by pid-derived names (namespaces,
    // databases) and free ports.
    maxWorkers: 3,
  },
});
