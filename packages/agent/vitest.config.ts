import { defineProject } from "vitest/config";

// Namespace and process tests share two cores with the rest of the suite: time, not
// speed, is what a 5 s default would test there.
export default defineProject({
  test: { name: "agent", include: ["src/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 30_000 },
});
