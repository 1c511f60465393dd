import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Argv, parseTcState, renderBatch } from "@fleetdeck/tc";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tempDir } from "../testing/fixtures";
import { onceTeardown } from "./teardown";
import { probeKernel } from "@fleetdeck/tc/kernel-probe";
import { canUseNetns, createTestNs, type TestNs } from "./testing/netns";
import type { SlotKind } from "./tool";

/*
 * What the single run's teardown (teardown.ts) relies on, on the real kernel: the root
 * form succeeds over every tree kind, and the ingress-slot forms succeed or fail
 * exactly as the guess table says (a failure stops tc before anything after it).
 */
const enabled = await canUseNetns();

let ns: TestNs;
let dir: string;
let cleanup: () => Promise<void>;
let ifb = false;

/** eth0 is a veth (default root noqueue); ifbm has 4 TX queues (mq), ifbs one (pfifo_fast). */
const DEVICES = ["eth0", "ifbm", "ifbs"] as const;

async function reset(dev: string) {
  for (const what of ["root", "ingress", "clsact"])
    await ns.tc(["qdisc", "del", "dev", dev, what]).catch(() => undefined);
}

async function run(lines: Argv[]): Promise<{ exitCode: number | null; stderr: string }> {
  const file = join(dir, `t-${Math.random().toString(16).slice(2)}.tc`);
  await writeFile(file, renderBatch(lines));
  return ns.runner.run(["tc", "-batch", file]);
}

async function state(dev: string) {
  return parseTcState({ dev, qdisc: await ns.tc(["-j", "qdisc", "show", "dev", dev]) });
}

const split = (lines: string[]) => lines.map((l) => l.split(" "));

describe.skipIf(!enabled)("the single run's teardown on a real kernel", () => {
  beforeAll(async () => {
    ns = await createTestNs(["eth0"], "fdtear");
    ({ dir, cleanup } = await tempDir());
    ifb = (await probeKernel(ns, "eth0")).ifb;
    if (ifb) {
      await ns.ip(["link", "add", "name", "ifbm", "numtxqueues", "4", "type", "ifb"]);
      await ns.ip(["link", "add", "name", "ifbs", "numtxqueues", "1", "type", "ifb"]);
      for (const dev of ["ifbm", "ifbs"]) await ns.ip(["link", "set", "dev", dev, "up"]);
    }
    await reset("eth0");
  });
  afterAll(async () => {
    await ns?.destroy();
    await cleanup?.();
  });

  const htb = [
    "qdisc add dev D root handle 1: htb default 10",
    "class add dev D parent 1: classid 1:1 htb rate 100mbit",
    "class add dev D parent 1:1 classid 1:10 htb rate 10mbit ceil 100mbit",
    "qdisc add dev D parent 1:10 handle 10: pfifo limit 50",
    "filter add dev D parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.0/8 flowid 1:10",
  ];
  const trees: [string, string[]][] = [
    ["the kernel default", []],
    ["htb with classes, a leaf and a filter", htb],
    [
      "htb with a 7fff: leaf (the placeholder handle)",
      [...htb.slice(0, 3), "qdisc add dev D parent 1:10 handle 7fff: pfifo"],
    ],
    [
      "nested htb",
      [
        ...htb.slice(0, 2),
        "qdisc add dev D parent 1:1 handle 2: htb",
        "class add dev D parent 2: classid 2:1 htb rate 1mbit",
        "qdisc add dev D parent 2:1 handle 7fff: pfifo",
      ],
    ],
    ["a pfifo root 7fff:", ["qdisc add dev D root handle 7fff: pfifo limit 5"]],
    ["a pfifo root, kernel handle", ["qdisc add dev D root pfifo limit 5"]],
    ["a bfifo root 7fff:", ["qdisc add dev D root handle 7fff: bfifo limit 5000"]],
    ["an htb root 7fff:", ["qdisc add dev D root handle 7fff: htb"]],
    ["a tbf root", ["qdisc add dev D root handle 5: tbf rate 1mbit burst 10kb latency 10ms"]],
    ["a pfifo_fast root", ["qdisc add dev D root handle 5: pfifo_fast"]],
    ["an mq root", ["qdisc add dev D root handle 1: mq"]],
    [
      "mq with a tbf child 7fff:",
      [
        "qdisc add dev D root handle 1: mq",
        "qdisc add dev D parent 1:1 handle 7fff: tbf rate 1mbit burst 10kb latency 10ms",
      ],
    ],
    ["htb plus clsact", [...htb, "qdisc add dev D clsact"]],
  ];

  test.for(DEVICES.flatMap((dev) => trees.map(([name, lines]) => [dev, name, lines] as const)))(
    "root: replace-then-delete succeeds on %s over %s",
    async ([dev, , lines], ctx) => {
      if (dev !== "eth0" && !ifb) ctx.skip("no ifb devices here");
      await reset(dev);
      const made = await run(split(lines.map((l) => l.replaceAll(" D ", ` ${dev} `))));
      // mq needs several TX queues: the single-queue devices refuse it, nothing to test.
      if (made.exitCode !== 0) ctx.skip(`cannot build it on ${dev}: ${made.stderr.trim()}`);
      const lines2 = onceTeardown(split([`qdisc del dev ${dev} root`]), () => "none");
      const torn = await run(lines2 ?? []);
      expect(torn, torn.stderr).toMatchObject({ exitCode: 0 });
      const root = (await state(dev)).qdiscs.filter((q) => q.parent === "root");
      expect(root.every((q) => q.handle === "0:")).toBe(true);
    },
  );

  type Goal = "empty" | "ingress" | "clsact";
  const goalLines: Record<Goal, string[]> = {
    empty: ["qdisc del dev eth0 ingress", "qdisc del dev eth0 clsact"],
    ingress: ["qdisc del dev eth0 clsact"],
    clsact: ["qdisc del dev eth0 ingress"],
  };
  const slots: SlotKind[] = ["none", "ingress", "clsact"];
  /** teardown.ts's table: when its lines succeed, given the goal, the guess and the slot. */
  const succeeds = (goal: Goal, guess: SlotKind, actual: SlotKind) => {
    if (goal === "empty") return guess === "none" ? actual !== "clsact" : actual !== "none";
    const other = goal === "ingress" ? "clsact" : "ingress";
    return guess === other ? actual !== "none" : actual !== other;
  };
  const cases = (["empty", "ingress", "clsact"] as Goal[]).flatMap((goal) =>
    slots.flatMap((guess) => slots.map((actual) => [goal, guess, actual] as const)),
  );

  test.for(cases)(
    "ingress slot: goal %s, guessed %s, holding %s",
    async ([goal, guess, actual]) => {
      await reset("eth0");
      if (actual !== "none") {
        await ns.tc(["qdisc", "add", "dev", "eth0", actual]);
        const where = actual === "clsact" ? ["ingress"] : ["parent", "ffff:"];
        await ns.tc([
          "filter",
          "add",
          "dev",
          "eth0",
          ...where,
          "protocol",
          "ip",
          "prio",
          "1",
          "u32",
          "match",
          "ip",
          "dst",
          "10.0.0.0/8",
        ]);
      }
      const lines = onceTeardown(split(goalLines[goal]), () => guess) ?? [];
      const marker: Argv = ["qdisc", "replace", "dev", "eth0", "root", "handle", "9:", "pfifo"];
      const result = await run([...lines, marker]);
      const after = await state("eth0");
      const slot = after.qdiscs.find((q) => q.parent === "ffff:fff1")?.kind ?? "none";
      const markerRan = after.qdiscs.some((q) => q.handle === "9:");
      if (succeeds(goal, guess, actual)) {
        expect(result, result.stderr).toMatchObject({ exitCode: 0 });
        expect(goal === "empty" ? ["none"] : ["none", goal]).toContain(slot);
        expect(markerRan).toBe(true);
      } else {
        // The guess was wrong: tc stops at that line, the slot untouched, nothing after it ran.
        expect(result.stderr).toMatch(/Command failed .*:\d+/);
        expect(slot).toBe(actual);
        expect(markerRan).toBe(false);
      }
    },
  );
});
