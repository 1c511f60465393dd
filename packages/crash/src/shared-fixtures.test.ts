import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./testing/fixtures";

const vendored = resolve(REPO_ROOT, "fixtures", "shared");
const upstream = resolve(REPO_ROOT, "..", "shared", "fixtures");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe("the vendored shared fixtures", () => {
  it("hold the crash corpus and the TOTP vectors", () => {
    expect(existsSync(join(vendored, "crashes", "MANIFEST.tsv"))).toBe(true);
    expect(existsSync(join(vendored, "totp-rfc6238.tsv"))).toBe(true);
  });

  it.runIf(existsSync(upstream))("match ../shared/fixtures beside this checkout", () => {
    for (const file of files(upstream)) {
      const copy = join(vendored, relative(upstream, file));
      expect(existsSync(copy), `${copy} is missing`).toBe(true);
      expect(readFileSync(copy).equals(readFileSync(file)), `${copy} differs`).toBe(true);
    }
  });
});
