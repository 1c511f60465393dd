import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { envSchema } from "./env";

const repo = path.resolve(import.meta.dirname, "../../..");

test("every setting the server reads is documented in the README and in .env.example", () => {
  const readme = readFileSync(path.join(repo, "README.md"), "utf8");
  const example = readFileSync(path.join(repo, ".env.example"), "utf8");
  const keys = Object.keys(envSchema.shape);
  expect(keys.filter((k) => !readme.includes(`\`${k}\``))).toEqual([]);
  expect(keys.filter((k) => !new RegExp(`^${k}=`, "m").test(example))).toEqual([]);
});
