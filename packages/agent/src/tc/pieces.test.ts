import { readFileSync } from "node:fs";
import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { PACKAGE_DIR, tempDir } from "../testing/fixtures";
import { describeFailure, parseBatchFailures } from "./batch-errors";
import { appliedRevisionForBoot, readHistory } from "./history";
import { compareNormalised, normaliseDevice } from "./normalise";
import { tcPaths } from "./paths";
import { rebuildDevice, resetLines } from "./rebuild";
import { appendHistory } from "./records";
import { assemble, showLines, splitPrefix, splitShows } from "./show-batch";
import { onceTeardown, slotGuess } from "./teardown";
import {
  burstFor,
  DEFAULT_CLOCK,
  kernelBurstTicks,
  printedSize,
  xmitSize,
  xmitTime,
} from "./tick-math";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
const STATE = join(PACKAGE_DIR, "..", "tc", "fixtures", "state", "htb-nested-kernel");
const fixture = (f: string) => readFileSync(join(STATE, f), "utf8");

describe("tc's tick arithmetic (numbers seen on a real 6.1 tc)", () => {
  test("64kb at 300mbit reads back as 65475b; typing 65475 again would read 65437; 65513 keeps it", () => {
    const rate = 300e6 / 8;
    expect(xmitSize(DEFAULT_CLOCK, rate, xmitTime(DEFAULT_CLOCK, rate, 65536))).toBe(65475);
    expect(xmitSize(DEFAULT_CLOCK, rate, xmitTime(DEFAULT_CLOCK, rate, 65475))).toBe(65437);
    expect(burstFor(DEFAULT_CLOCK, rate, 65475)).toBe(65513);
  });

  test("tbf bursts go through the kernel's rate arithmetic: 9999 at 3mbit reads 9998", () => {
    expect(xmitSize(DEFAULT_CLOCK, 375_000, kernelBurstTicks(375_000, 9999))).toBe(9998);
    expect(burstFor(DEFAULT_CLOCK, 375_000, 9998, "json", "kernel")).toBe(9999);
  });

  test("sizes near a KiB multiple print rounded, as sprint_size does", () => {
    expect(printedSize(65530)).toBe(65536);
    expect(printedSize(131000)).toBe(131000);
    expect(printedSize(1048570)).toBe(1048576);
  });
});

describe("tc -batch failures", () => {
  test("the kernel's words are tied to the line that was refused, warnings set aside", () => {
    const lines = [
      "qdisc replace dev eth0 root handle 1: htb",
      "filter add dev eth0 ... mirred dev ghost0",
    ];
    const stderr = [
      "Warning: sch_htb: quantum of class 10001 is big. Consider r2q change.",
      'Cannot find device "ghost0"',
      "Command failed /var/lib/fleetdeck-agent/applied/work/batch-1.tc:2",
    ].join("\n");
    const [failure] = parseBatchFailures(stderr, lines);
    expect(failure).toEqual({ line: 2, text: lines[1], message: 'Cannot find device "ghost0"' });
    expect(describeFailure(failure as NonNullable<typeof failure>)).toBe(
      'line 2: filter add dev eth0 ... mirred dev ghost0 (Cannot find device "ghost0")',
    );
  });
});

describe("normalised state", () => {
  test("counters go, configuration and repeated u32 keys stay; order does not matter", () => {
    const a = normaliseDevice({
      dev: "eth0",
      qdisc: fixture("eth0.qdisc.json"),
      class: fixture("eth0.class.txt"),
      filter: fixture("eth0.filter.json"),
    });
    const counted = fixture("eth0.qdisc.json").replace(/"bytes":0/g, '"bytes":12345');
    const b = normaliseDevice({
      dev: "eth0",
      qdisc: counted,
      class: fixture("eth0.class.txt"),
      filter: fixture("eth0.filter.json"),
    });
    expect(compareNormalised("eth0", a, b)).toEqual([]);
    expect(a.filter.some((f) => (f.match(/"match"/g) ?? []).length === 3)).toBe(true);
    expect(a.class.every((c) => c.startsWith("class "))).toBe(true);
    const fewer = { ...a, class: a.class.slice(1) };
    expect(compareNormalised("eth0", a, fewer)).toEqual([`eth0 class: missing ${a.class[0]}`]);
  });
});

describe("reading many devices in one tc run", () => {
  const shows = showLines(["eth0", "eth1"]);
  const eth1 = (dev: string) => (dev === "eth1" ? "clsact" : undefined);

  test("six listings per device; text class blocks end at the next JSON line", () => {
    expect(showLines(["eth0"])).toHaveLength(6);
    const stdout = [
      "class htb 1:1 root rate 1Mbit",
      " Sent 0",
      "",
      "[q0]",
      "[f0]",
      "[]",
      "[]",
      "[]",
      "[q1]",
      "[f1]",
      "[]",
      "[i1]",
      "[e1]",
      "",
    ].join("\n");
    const split = splitShows(stdout, shows);
    expect(split?.format).toBe("text");
    expect(assemble(["eth0", "eth1"], split?.outputs ?? [], eth1)).toEqual([
      {
        dev: "eth0",
        qdisc: "[q0]",
        class: "class htb 1:1 root rate 1Mbit\n Sent 0",
        filter: "[f0]",
      },
      {
        dev: "eth1",
        qdisc: "[q1]",
        class: "",
        filter: "[f1]",
        ingressFilter: "[i1]",
        clsactEgressFilter: "[e1]",
      },
    ]);
  });

  test("a tc that prints classes as JSON is recognised by the line count", () => {
    const lines = [
      "[c0]",
      "[q0]",
      "[f0]",
      "[]",
      "[]",
      "[]",
      "[c1]",
      "[q1]",
      "[f1]",
      "[]",
      "[i1]",
      "[e1]",
    ];
    const split = splitShows(lines.join("\n"), shows);
    expect(split?.format).toBe("json");
    expect(assemble(["eth0", "eth1"], split?.outputs ?? [], eth1)[1]?.class).toBe("[c1]");
  });

  test("output that fits neither format is not guessed at; modify lines print nothing", () => {
    expect(splitShows("[a]\n", shows)).toBeNull();
    expect(
      splitShows("[q]\nRTNETLINK answers: ok\n[f]\n[]\n[]\n[]\n", showLines(["x"])),
    ).toBeNull();
    const ran = [...showLines(["x"]), ["qdisc", "replace", "dev", "x", "root", "pfifo"]];
    expect(
      splitShows(
        "[q]\n[f]\n[]\n[]\n[]\n",
        ran.filter((l) => l[1] === "show"),
      ),
    ).not.toBeNull();
  });

  test("a run cut short splits only in a format a whole run established", () => {
    const cut = "[q0]\n[f0]\n[]\n[]\n[]\n[q1]\n[f1";
    expect(splitPrefix(cut, showLines(["eth0"]), "text")).toEqual([
      "",
      "[q0]",
      "[f0]",
      "[]",
      "[]",
      "[]",
    ]);
    expect(splitPrefix(cut, showLines(["eth0"]), "json")).toEqual([
      "[q0]",
      "[f0]",
      "[]",
      "[]",
      "[]",
      "[q1]",
    ]);
    expect(splitPrefix("[q0]\n[f0]\n", showLines(["eth0"]), "text")).toBeNull();
  });
});

describe("the single run's teardown", () => {
  const text = (lines: string[][] | null) => lines?.map((l) => l.join(" "));
  const lines = (...l: string[]) => l.map((x) => x.split(" "));

  test("the root delete becomes replace-then-delete: it cannot fail", () => {
    expect(text(onceTeardown(lines("qdisc del dev eth0 root"), () => "none"))).toEqual([
      "qdisc replace dev eth0 root pfifo",
      "qdisc del dev eth0 root",
    ]);
  });

  test("an emptied ingress slot: delete whatever is guessed there, else make then delete one", () => {
    const both = lines("qdisc del dev eth0 ingress", "qdisc del dev eth0 clsact");
    expect(text(onceTeardown(both, () => "clsact"))).toEqual([
      "qdisc del dev eth0 parent ffff:fff1",
    ]);
    expect(text(onceTeardown(both, () => "none"))).toEqual([
      "qdisc replace dev eth0 ingress",
      "qdisc del dev eth0 ingress",
    ]);
  });

  test("a slot the batch refills: keep it when guessed empty or right, else empty it", () => {
    const other = lines("qdisc del dev eth0 clsact");
    expect(text(onceTeardown(other, () => "none"))).toEqual(["qdisc replace dev eth0 ingress"]);
    expect(text(onceTeardown(other, () => "ingress"))).toEqual(["qdisc replace dev eth0 ingress"]);
    expect(text(onceTeardown(other, () => "clsact"))).toEqual([
      "qdisc del dev eth0 parent ffff:fff1",
    ]);
  });

  test("an unknown line: no single run", () => {
    expect(onceTeardown(lines("filter del dev eth0 parent 1:"), () => "none")).toBeNull();
  });

  test("guesses: what the tool read last, else the revision in force, else empty", () => {
    const basePlan = {
      devices: [{ dev: "eth1", tree: { dev: "eth1", ingress: { kind: "clsact" } } }],
    };
    const guess = slotGuess(
      (dev) => (dev === "eth0" ? "ingress" : undefined),
      basePlan as unknown as Parameters<typeof slotGuess>[1],
    );
    expect(["eth0", "eth1", "eth2"].map(guess)).toEqual(["ingress", "clsact", "none"]);
  });
});

describe("rebuilding a foreign tree from its state", () => {
  test("root first, classes before their leaves, bursts chosen to print back the same, u32 keys raw", () => {
    const plan = rebuildDevice(
      {
        dev: "eth0",
        qdisc: fixture("eth0.qdisc.json"),
        class: fixture("eth0.class.txt"),
        filter: fixture("eth0.filter.json"),
      },
      DEFAULT_CLOCK,
    );
    expect(plan.problems).toEqual([]);
    const text = plan.lines.map((l) => l.join(" "));
    expect(text[0]).toBe(
      "qdisc replace dev eth0 root handle 1: htb default 22 r2q 20 direct_qlen 500",
    );
    const at = (needle: string) => text.findIndex((l) => l.includes(needle));
    expect(at("classid 1:10 ")).toBeLessThan(at("classid 1:11 "));
    expect(at("classid 1:11 ")).toBeLessThan(at("parent 1:11 handle 11: pfifo limit 200"));
    expect(text).toContain(
      "class replace dev eth0 parent 1:10 classid 1:11 htb rate 300000000bit ceil 1000000000bit burst 65513b cburst 1500b prio 0",
    );
    expect(text).toContain(
      "filter add dev eth0 parent 1: protocol ip prio 10 u32 match u32 0x0a000000 0xff000000 at 16 classid 1:11",
    );
    expect(resetLines("eth0").map((l) => l.join(" "))).toEqual([
      "qdisc del dev eth0 root",
      "qdisc del dev eth0 ingress",
      "qdisc del dev eth0 clsact",
    ]);
  });

  test("kinds whose printed options do not determine them are reported, not guessed", () => {
    const qdisc = JSON.stringify([
      { kind: "fq_codel", handle: "1:", root: true, options: { limit: 10240 } },
    ]);
    expect(
      rebuildDevice({ dev: "eth0", qdisc, class: "", filter: "[]" }, DEFAULT_CLOCK).problems,
    ).toEqual(["eth0: cannot rebuild a fq_codel qdisc (1:) from its state"]);
  });
});

describe("applied/history.jsonl", () => {
  test("the revision in force at the end of each boot, a torn last line ignored", async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const paths = tcPaths(dir);
    const line = (bootId: string, revisionId: string | null, at: number) => ({
      bootId,
      revisionId,
      hash: null,
      at,
    });
    await appendHistory(paths, line("boot-a", "11111111-1111-4111-8111-111111111111", 1));
    await appendHistory(paths, line("boot-a", "22222222-2222-4222-8222-222222222222", 2));
    await appendHistory(paths, line("boot-b", "22222222-2222-4222-8222-222222222222", 3));
    await appendHistory(paths, line("boot-b", null, 4));
    await mkdir(paths.dir, { recursive: true });
    await appendFile(paths.history, '{"bootId":"boot-b","revisionId":"3333');
    expect(await appliedRevisionForBoot(dir, "boot-a")).toBe(
      "22222222-2222-4222-8222-222222222222",
    );
    expect(await appliedRevisionForBoot(dir, "boot-b")).toBeNull();
    expect(await appliedRevisionForBoot(dir, "boot-c")).toBeNull();
    expect(await readHistory(dir)).toHaveLength(4);
  });
});
