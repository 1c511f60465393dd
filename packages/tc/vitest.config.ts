import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "tc", include: ["src/**/*.test.ts"] } });
