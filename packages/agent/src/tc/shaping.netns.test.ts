import { afterEach, describe, expect, test } from "vitest";
import { HANDLERS, prepareCommand } from "../handlers";
import { tempDir } from "../testing/fixtures";
import { handlerContext } from "./testing/handler-context";
import { hasIperf3, type LinkedPair, linkedPair, measureRate } from "./testing/iperf";
import { canUseNetns, serviceIn } from "./testing/netns";

/* The shaping is real: HTB 10mbit applied by tc.apply on the sender's veth, measured by iperf3. */
const enabled = (await canUseNetns()) && (await hasIperf3());
const htb10 = {
  version: 1,
  rules: [
    {
      interfaces: ["eth0"],
      egress: {
        kind: "htb",
        defaultClass: "1:10",
        classes: [
          { id: "1:1", rate: "10mbit", children: [{ id: "1:10", rate: "10mbit", ceil: "10mbit" }] },
        ],
      },
    },
  ],
};

let pair: LinkedPair | null = null;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await pair?.destroy();
});

describe.skipIf(!enabled)("iperf3 through an applied policy", () => {
  test("HTB 10mbit on the sender's veth: the receiver gets 9 to 10.5 Mbit/s", async () => {
    pair = await linkedPair();
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const tc = await serviceIn(pair.sender, dir);
    const args = {
      revisionId: "eeeeeeee-0000-4000-8000-00000000000e",
      policyName: "10mbit",
      hash: "e".repeat(64),
      spec: htb10,
      commitConfirmSeconds: 0,
    };
    const prepared = prepareCommand("tc.apply", args, HANDLERS);
    if (!prepared.ok) throw new Error(prepared.error);
    const { output } = await prepared.run(handlerContext(dir, pair.sender.runner, tc));
    expect(output).toMatchObject({ applied: true });
    const bps = await measureRate(pair, 3);
    console.log(`received ${(bps / 1e6).toFixed(2)} Mbit/s through HTB 10mbit`);
    expect(bps).toBeGreaterThan(9e6);
    expect(bps).toBeLessThan(10.5e6);
  }, 20_000);
});
