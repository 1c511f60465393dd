import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "auth",
    include: ["src/**/*.test.ts"],
    globalSetup: ["../db/src/testing/global-setup.ts"],
    testTimeout: 30_000,
  },
});
