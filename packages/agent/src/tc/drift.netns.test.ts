import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { eventually, PACKAGE_DIR, tempDir } from "../testing/fixtures";
import { readHistory } from "./history";
import { configOf } from "./testing/capture";
import { canUseNetns, createTestNs, serviceIn, type TestNs } from "./testing/netns";

/* Drift: the root qdisc deleted behind the agent's back, found by a check, a link event, and repaired. */
const enabled = await canUseNetns();
const spec = JSON.parse(
  readFileSync(
    join(PACKAGE_DIR, "..", "tc", "fixtures", "golden", "htb-nested-kernel", "policy.json"),
    "utf8",
  ),
).spec;
const REV = "dddddddd-0000-4000-8000-00000000000d";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

async function applied(): Promise<{ ns: TestNs; dir: string }> {
  const ns = await createTestNs(["eth0", "eth1"]);
  cleanups.push(() => ns.destroy());
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const tc = await serviceIn(ns, dir);
  const outcome = await tc.apply(
    { revisionId: REV, policyName: "edge", hash: "d".repeat(64), spec },
    0,
  );
  expect(outcome.ok, outcome.error ?? "").toBe(true);
  return { ns, dir };
}

describe.skipIf(!enabled)("drift watch (real kernel)", () => {
  test("a deleted root qdisc is reported, naming it; with driftRepair it is put back", async () => {
    const { ns, dir } = await applied();
    const watcher = await serviceIn(ns, dir);
    expect(await watcher.drift.check()).toBeNull();
    const good = await configOf(ns, "eth0");
    await ns.tc(["qdisc", "del", "dev", "eth0", "root"]);
    const drift = await watcher.drift.check();
    expect(drift).toMatchObject({ repaired: false });
    expect(drift?.differences.join("\n")).toMatch(
      /eth0 egress root: expected htb 1:, found noqueue 0:/,
    );
    expect(watcher.status()).toMatchObject({
      appliedRevisionId: REV,
      pendingConfirm: false,
      drift,
    });

    const repairer = await serviceIn(ns, dir, { driftRepair: true });
    const repaired = await repairer.drift.check();
    expect(repaired).toMatchObject({ repaired: true, differences: drift?.differences });
    expect(await configOf(ns, "eth0")).toEqual(good);
    expect((await readHistory(dir)).map((l) => [l.event, l.revisionId])).toEqual([
      ["apply", REV],
      ["repair", REV],
    ]);
    // Clean again, the repaired drift stays visible until the next apply or restore.
    expect(await repairer.drift.check()).toMatchObject({ repaired: true });
  });

  test("a link going down and up triggers a check (ip monitor link), without waiting for the timer", async () => {
    const { ns, dir } = await applied();
    const watcher = await serviceIn(ns, dir, {
      monitorArgv: ns.runner.wrap(["ip", "-j", "monitor", "link"]),
    });
    const stop = new AbortController();
    cleanups.push(async () => stop.abort());
    watcher.start(stop.signal);
    await new Promise((r) => setTimeout(r, 300));
    expect(watcher.status().drift).toBeNull();
    await ns.tc(["qdisc", "del", "dev", "eth0", "root"]);
    await ns.ip(["link", "set", "dev", "eth0", "down"]);
    await ns.ip(["link", "set", "dev", "eth0", "up"]);
    const drift = await eventually(
      () => watcher.status().drift ?? undefined,
      5_000,
      "drift after the link event",
    );
    expect(drift.differences.some((d) => d.startsWith("eth0 egress root"))).toBe(true);
  });
});
