import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { canUseNetns, createTestNs, type TestNs } from "../tc/testing/netns";
import { PACKAGE_DIR } from "../testing/fixtures";
import { agentHome, captureIo } from "../testing/harness";
import { main } from "./main";

/* The tc CLI against a real kernel, inside a namespace (--netns). */
const enabled = await canUseNetns();
const policy = join(
  PACKAGE_DIR,
  "..",
  "tc",
  "fixtures",
  "golden",
  "htb-nested-kernel",
  "policy.json",
);
let home: Awaited<ReturnType<typeof agentHome>>;
let ns: TestNs | null = null;
afterEach(async () => {
  await ns?.destroy();
  await home?.cleanup();
});

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(["--config", home.configPath, ...argv], io);
  return { code, out: io.out.join("\n"), err: io.err.join("\n") };
}

describe.skipIf(!enabled)("fleetdeck-agent tc apply / show / diff (real kernel)", () => {
  test("diff shows what is missing, apply puts it in place, diff is then clean, show prints it", async () => {
    home = await agentHome();
    ns = await createTestNs(["eth0", "eth1"]);
    const where = ["--netns", ns.name];
    const before = await cli("tc", "diff", policy, ...where);
    expect(before.code).toBe(1);
    expect(before.out).toMatch(/eth0 egress root: expected htb 1:, found noqueue 0:/);
    const applied = await cli("tc", "apply", policy, ...where);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.out)).toMatchObject({
      applied: true,
      interfaces: ["eth0"],
      differences: [],
    });
    expect(await cli("tc", "diff", policy, ...where)).toMatchObject({
      code: 0,
      out: "no differences",
    });
    const shown = await cli("tc", "show", "--dev", "eth0", ...where);
    const state = JSON.parse(shown.out).eth0;
    expect(state.qdiscs[0]).toMatchObject({ kind: "htb", handle: "1:", parent: "root" });
    expect(state.qdiscs[0].stats).toBeUndefined();
    const htb = state.classes.filter((c: { kind: string }) => c.kind === "htb");
    expect(htb.map((c: { classid: string }) => c.classid).sort()).toEqual([
      "1:1",
      "1:10",
      "1:11",
      "1:12",
      "1:20",
      "1:21",
      "1:22",
    ]);
    expect(
      readFileSync(join(home.config.stateDir as string, "applied", "current.json"), "utf8"),
    ).toMatch(/"policyName": "policy"/);
  });
});
