import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { PACKAGE_DIR } from "../testing/fixtures";
import { agentHome, captureIo } from "../testing/harness";
import { main } from "./main";

const GOLDEN = join(PACKAGE_DIR, "..", "tc", "fixtures", "golden");
let home: Awaited<ReturnType<typeof agentHome>>;
afterEach(() => home?.cleanup());

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(["--config", home.configPath, ...argv], io);
  return { code, out: io.out.join("\n"), err: io.err.join("\n") };
}

describe("fleetdeck-agent tc render", () => {
  test("prints the golden batch (and teardown) for a golden policy file", async () => {
    home = await agentHome();
    const dir = join(GOLDEN, "htb-nested-kernel");
    const batch = readFileSync(join(dir, "batch.tc"), "utf8").trimEnd();
    expect(await cli("tc", "render", join(dir, "policy.json"))).toMatchObject({
      code: 0,
      out: batch,
    });
    const teardown = readFileSync(join(dir, "teardown.tc"), "utf8").trimEnd();
    expect(await cli("tc", "render", join(dir, "policy.json"), "--teardown")).toMatchObject({
      code: 0,
      out: teardown,
    });
  });

  test("a bare spec with --dev: globs resolve against the named devices", async () => {
    home = await agentHome();
    const file = join(home.dir, "p.json");
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        rules: [{ interfaces: ["wan*"], egress: { kind: "pfifo", limit: 10 } }],
      }),
    );
    const out = await cli("tc", "render", file, "--dev", "wan0", "--dev", "wan1", "--dev", "lan0");
    expect(out.code).toBe(0);
    expect(out.out.split("\n").filter((l) => l.includes("handle 1:"))).toEqual([
      "qdisc replace dev wan0 root handle 1: pfifo limit 10",
      "qdisc replace dev wan1 root handle 1: pfifo limit 10",
    ]);
  });

  test("usage errors: no subcommand, no file, a spec that does not compile", async () => {
    home = await agentHome();
    expect(await cli("tc")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/tc needs one of render, apply, show, diff/),
    });
    expect(await cli("tc", "render")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/POLICY.json/),
    });
    expect(await cli("tc", "show")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/needs --dev/),
    });
    const file = join(home.dir, "bad.json");
    await writeFile(
      file,
      JSON.stringify({ version: 1, rules: [{ interfaces: ["eth0"], egress: { kind: "nosuch" } }] }),
    );
    expect(await cli("tc", "render", file, "--dev", "eth0")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/nosuch/),
    });
  });
});
