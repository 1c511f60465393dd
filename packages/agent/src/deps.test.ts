import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { PACKAGE_DIR } from "./testing/fixtures";
import { AGENT_VERSION } from "./version";

/**
 * The agent runs as root-ish on every server: it stays small and never pulls in server
 * code (tailscale's deps_test is the model). Growing this list is a deliberate act.
 */
const ALLOWED_DEPENDENCIES = ["@fleetdeck/protocol", "@fleetdeck/tc", "@fleetdeck/crash", "zod"];
const ALLOWED_DEV_DEPENDENCIES = ["@types/node", "esbuild", "typescript", "vitest"];
const FORBIDDEN_IMPORTS = [
  /^next(\/|$)/,
  /^@trpc\//,
  /^@prisma\//,
  /^pg(\/|$)/,
  /^@fleetdeck\/(db|api|auth)(\/|$)/,
  /(^|\/)apps\//,
];

const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8"));

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

const files = [
  ...sourceFiles(join(PACKAGE_DIR, "src")),
  ...sourceFiles(join(PACKAGE_DIR, "bench")),
];
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => m[1] as string);
}

describe("dependencies stay light", () => {
  test("package.json lists only the allowed dependencies", () => {
    for (const name of Object.keys(pkg.dependencies ?? {}))
      expect(ALLOWED_DEPENDENCIES).toContain(name);
    for (const name of Object.keys(pkg.devDependencies ?? {}))
      expect(ALLOWED_DEV_DEPENDENCIES).toContain(name);
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
  });

  test("no source imports server code, and bare imports are declared dependencies", () => {
    const declared = new Set([
      ...Object.keys(pkg.dependencies),
      ...Object.keys(pkg.devDependencies),
    ]);
    const builtins = new Set(builtinModules);
    const problems: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(file)) {
        const where = `${relative(PACKAGE_DIR, file)}: ${spec}`;
        if (FORBIDDEN_IMPORTS.some((re) => re.test(spec))) problems.push(`forbidden ${where}`);
        if (spec.startsWith(".")) {
          const target = resolve(file, "..", spec);
          if (relative(PACKAGE_DIR, target).startsWith(".."))
            problems.push(`leaves the package ${where}`);
          continue;
        }
        const name = spec.startsWith("@")
          ? spec.split("/").slice(0, 2).join("/")
          : (spec.split("/")[0] as string);
        if (spec.startsWith("node:") || builtins.has(name)) continue;
        if (!declared.has(name)) problems.push(`undeclared ${where}`);
      }
    }
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThan(30);
  });

  test("the version the agent reports is the package's", () => {
    expect(AGENT_VERSION).toBe(pkg.version);
  });
});

describe("no shell, ever", () => {
  // Built from pieces so this file does not match its own patterns.
  const patterns = [
    new RegExp(["(?<![.\\w])exec", "\\s*\\("].join("")),
    new RegExp(["\\bexec", "Sync\\s*\\("].join("")),
    new RegExp(["\\bspawn", "Sync\\s*\\("].join("")),
    new RegExp(["shell", "\\s*:\\s*(true|[\"'/])"].join("")),
  ];

  test("child_process is used only through execFile (and spawn in tests), without a shell", () => {
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const rel = relative(PACKAGE_DIR, file);
      for (const re of patterns) if (re.test(text)) problems.push(`${rel}: ${re.source}`);
      const named = text.match(/import\s*\{([^}]*)\}\s*from\s*["'](node:)?child_process["']/);
      const names =
        named?.[1]
          ?.split(",")
          .map((n) => n.trim())
          .filter((n) => !n.startsWith("type ")) ?? [];
      const allowed =
        rel.endsWith(".test.ts") || rel.startsWith("bench/") ? ["execFile", "spawn"] : ["execFile"];
      for (const name of names)
        if (name && !allowed.includes(name)) problems.push(`${rel}: imports ${name}`);
      if (/\bfrom\s*["'](node:)?child_process["']/.test(text) && !named)
        problems.push(`${rel}: namespace import`);
    }
    expect(problems).toEqual([]);
  });
});
