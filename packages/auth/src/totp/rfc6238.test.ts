import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encodeTotpSecret, type TotpAlgorithm, totpAt } from "./totp";

function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

const fixture = path.resolve(
  findRepoRoot(import.meta.dirname),
  "fixtures",
  "shared",
  "totp-rfc6238.tsv",
);

// RFC 6238 Appendix B seeds (the file's header names them): the ASCII digits repeated to
// the hash's output size. They go in as base32, like a production secret.
const seeds: Record<TotpAlgorithm, string> = {
  sha1: "12345678901234567890",
  sha256: "12345678901234567890123456789012",
  sha512: "1234567890123456789012345678901234567890123456789012345678901234",
};

const vectors = readFileSync(fixture, "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("#") && !line.startsWith("time_s"))
  .map((line) => {
    const [time, mode, totp] = line.split("\t");
    return { time: Number(time), algorithm: mode?.toLowerCase() as TotpAlgorithm, totp };
  });

describe("RFC 6238 Appendix B", () => {
  it("has every vector of the fixture", () => {
    expect(vectors).toHaveLength(18);
    expect(new Set(vectors.map((v) => v.algorithm))).toEqual(new Set(Object.keys(seeds)));
  });

  it.each(vectors)("$algorithm at $time s → $totp", async ({ time, algorithm, totp }) => {
    const secret = encodeTotpSecret(Buffer.from(seeds[algorithm], "ascii"));
    const code = await totpAt(secret, new Date(time * 1000), { algorithm, digits: 8, period: 30 });
    expect(code).toBe(totp);
  });
});
