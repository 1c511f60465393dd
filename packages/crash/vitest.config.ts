import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "crash", include: ["src/**/*.test.ts"] } });
