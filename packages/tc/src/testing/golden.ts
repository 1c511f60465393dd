import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Golden corpus: fixtures/golden/<case>/{policy.json, teardown.tc, batch.tc, warnings.txt}. */
export const goldenDir = fileURLToPath(new URL("../../fixtures/golden", import.meta.url));

export interface GoldenCase {
  name: string;
  dir: string;
  description: string;
  interfaces: string[];
  spec: unknown;
}

export function loadGoldenCases(): GoldenCase[] {
  return readdirSync(goldenDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = path.join(goldenDir, name);
      const raw = JSON.parse(readFileSync(path.join(dir, "policy.json"), "utf8")) as {
        description: string;
        interfaces: string[];
        spec: unknown;
      };
      return { name, dir, ...raw };
    });
}

export function readExpected(dir: string, file: string): string | undefined {
  try {
    return readFileSync(path.join(dir, file), "utf8");
  } catch {
    return undefined;
  }
}
