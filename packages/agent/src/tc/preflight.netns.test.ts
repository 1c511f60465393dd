import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { HANDLERS, prepareCommand } from "../handlers";
import { silentLogger } from "../log";
import { PACKAGE_DIR, tempDir } from "../testing/fixtures";
import { TcService } from "./service";
import { handlerContext } from "./testing/handler-context";
import { canUseNetns, testExecRunner } from "./testing/netns";

/* tc.dry-run on the real kernel: a throwaway namespace, what it refuses, always removed. */
const enabled = await canUseNetns();
const run = promisify(execFile);
const spec = JSON.parse(
  readFileSync(
    join(PACKAGE_DIR, "..", "tc", "fixtures", "golden", "htb-nested-kernel", "policy.json"),
    "utf8",
  ),
).spec;
const netemLeaf = {
  version: 1,
  rules: [
    {
      interfaces: ["eth*"],
      egress: {
        kind: "htb",
        defaultClass: "1:10",
        classes: [{ id: "1:10", rate: "50mbit", qdisc: { kind: "netem", delay: "20ms" } }],
      },
    },
  ],
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function dryRun(policy: unknown) {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const runner = testExecRunner();
  // The "host" has eth0 and eth1: the pre-flight recreates them as veths in its namespace.
  const tc = await TcService.open({
    stateDir: dir,
    runner,
    log: silentLogger,
    interfaces: async () => ["lo", "eth0", "eth1"],
    bootId: async () => "b",
    procRoot: "/proc",
    driftCheckSeconds: 0,
    driftRepair: false,
    monitorArgv: null,
  });
  const prepared = prepareCommand("tc.dry-run", { hash: "0".repeat(64), spec: policy }, HANDLERS);
  if (!prepared.ok) throw new Error(prepared.error);
  const { output } = await prepared.run(handlerContext(dir, runner, tc));
  return output as {
    namespace: string;
    ok: boolean;
    refused: { line: number; text: string; message: string }[];
    differences: string[];
    interfaces: string[];
  };
}

const namespaces = async () => (await run("ip", ["netns", "list"])).stdout;

describe.skipIf(!enabled)("tc.dry-run (real kernel)", () => {
  test("a policy this kernel takes: nothing refused, read back clean, namespace gone", async () => {
    const out = await dryRun(spec);
    expect(out).toMatchObject({ ok: true, refused: [], differences: [], interfaces: ["eth0"] });
    expect(out.namespace).toMatch(/^fddry-[0-9a-f]{8}$/);
    expect(await namespaces()).not.toContain(out.namespace);
  });

  test("every line the kernel refuses is reported with its message", async (ctx) => {
    const out = await dryRun(netemLeaf);
    if (out.ok) ctx.skip("this kernel has netem");
    expect(out.refused.map((r) => r.text)).toEqual([
      "qdisc replace dev eth0 parent 1:10 handle 10: netem delay 20ms",
      "qdisc replace dev eth1 parent 1:10 handle 10: netem delay 20ms",
    ]);
    expect(out.refused[0]?.message).toMatch(/qdisc kind is unknown|Unknown qdisc/i);
    expect(await namespaces()).not.toContain(out.namespace);
  });
});
