import path from "node:path";
import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    name: "web",
    include: ["server/**/*.test.ts", "src/**/*.test.ts", "e2e/**/*.e2e.ts"],
    globalSetup: ["../../packages/db/src/testing/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
