import { diagnosticsBundleSchema, hostFactsSchema } from "@fleetdeck/protocol";
import { describe, expect, test } from "vitest";
import { parseConfig } from "../config";
import { FactsSource } from "../facts/source";
import { dryRunRunner } from "../runner/dry-run";
import { type RecordingRunner, type Replies, recordingRunner } from "../runner/recording";
import { DEBIAN12, fixtureRoots } from "../testing/fixtures";
import { AGENT_VERSION } from "../version";
import { type HandlerContext, HANDLERS, prepareCommand } from ".";

function context(runner: RecordingRunner | ReturnType<typeof dryRunRunner>) {
  const config = parseConfig(fixtureRoots(DEBIAN12));
  let factsRequested = 0;
  const ctx: HandlerContext = {
    config,
    runner,
    facts: new FactsSource(config, runner),
    requestFacts: () => {
      factsRequested += 1;
    },
    signal: new AbortController().signal,
    agentStartedAt: Date.now() - 5_000,
  };
  return { ctx, requested: () => factsRequested };
}

const tc = (kind: string, dev: string) => ["tc", "-s", "-j", kind, "show", "dev", dev];

describe("handler table", () => {
  test("unknown types and bad arguments are refused before anything runs", () => {
    expect(prepareCommand("shell.exec", { cmd: "reboot" })).toMatchObject({
      ok: false,
      rejection: "unknown_type",
    });
    expect(prepareCommand("agent.ping", { extra: 1 })).toMatchObject({
      ok: false,
      rejection: "bad_args",
    });
    expect(prepareCommand("diagnostics.collect", { kernelLogLines: 99_999 })).toMatchObject({
      ok: false,
      rejection: "bad_args",
      error: expect.stringMatching(/^kernelLogLines: /),
    });
    expect(prepareCommand("agent.ping", {}).ok).toBe(true);
    expect(Object.keys(HANDLERS).sort()).toEqual([
      "agent.ping",
      "crash.collect",
      "diagnostics.collect",
      "facts.refresh",
      "tc.apply",
      "tc.dry-run",
      "tc.restore",
      "tc.snapshot",
      "vmcore.fetch",
    ]);
  });

  test("agent.ping answers pong, version and uptime", async () => {
    const { ctx } = context(recordingRunner());
    const { output } = await HANDLERS["agent.ping"]({}, ctx);
    expect(output).toMatchObject({
      pong: true,
      agentVersion: AGENT_VERSION,
      uptimeSeconds: 12345.67,
    });
    expect((output as { agentUptimeSeconds: number }).agentUptimeSeconds).toBeGreaterThanOrEqual(5);
  });

  test("facts.refresh re-reads everything and asks the heartbeat to carry it", async () => {
    const runner = recordingRunner({ "ip -V": { stdout: "ip utility, iproute2-6.1.0" } });
    const { ctx, requested } = context(runner);
    const { output } = await HANDLERS["facts.refresh"]({}, ctx);
    expect(hostFactsSchema.parse(output)).toMatchObject({
      hostname: "edge-fra1-03",
      iproute2Version: "6.1.0",
    });
    expect(requested()).toBe(1);
    expect(runner.calls).toEqual([["ip", "-V"]]);
  });
});

describe("diagnostics.collect", () => {
  const journal = "journalctl -k -n 3 --no-pager -o short-monotonic";

  test("the exact tools it runs, and a valid bundle", async () => {
    const replies: Replies = {
      [journal]: { stdout: "[ 1.0] a\n[ 2.0] b\n[ 3.0] c\n[ 4.0] d\n" },
      "tc -s -j qdisc show dev eth0": { stdout: '[{"kind":"mq"}]' },
    };
    const runner = recordingRunner(replies);
    const { ctx } = context(runner);
    const { output } = await HANDLERS["diagnostics.collect"]({ kernelLogLines: 3 }, ctx);
    const bundle = diagnosticsBundleSchema.parse(output);
    expect(runner.calls.slice(0, 1)).toEqual([["ip", "-j", "link"]]);
    expect(runner.calls.slice(1, 13).sort()).toEqual(
      ["eth0", "eth1", "lo", "wg0"]
        .flatMap((d) => [tc("qdisc", d), tc("class", d), tc("filter", d)])
        .sort(),
    );
    expect(runner.calls.slice(13)).toEqual([
      ["ethtool", "-i", "eth0"],
      ["ethtool", "-i", "eth1"],
      ["ethtool", "-i", "wg0"],
      journal.split(" "),
    ]);
    expect(bundle.kernelLog).toEqual(["[ 2.0] b", "[ 3.0] c", "[ 4.0] d"]);
    expect(bundle.tc.eth0?.qdisc.stdout).toBe('[{"kind":"mq"}]');
    expect(Object.keys(bundle.tc)).toEqual(["eth0", "eth1", "lo", "wg0"]);
    expect(Object.keys(bundle.ethtool)).toEqual(["eth0", "eth1", "wg0"]);
    expect(bundle.uname).toMatch(/^Linux edge-fra1-03 6\.1\.0-18-amd64 #1 SMP/);
    expect(bundle.osRelease.VERSION_CODENAME).toBe("bookworm");
    expect(bundle.kdump).toEqual({ armed: true, crashkernel: "384M-:128M" });
    expect(bundle.pstore).toEqual([
      { name: "dmesg-efi-170000000001", bytes: 31 },
      { name: "dmesg-efi-170000000002", bytes: 27 },
    ]);
    expect(bundle.modules.find((m) => m.name === "nf_nat")?.holders).toEqual(["xt_MASQUERADE"]);
  });

  test("falls back to dmesg; skips ethtool when it is missing", async () => {
    const runner = recordingRunner({
      [journal]: { stdout: "-- No entries --\n" },
      dmesg: { stdout: "x\ny\nz\nw\n" },
      "ethtool -i eth0": { exitCode: null, error: "ethtool: not found" },
    });
    const { ctx } = context(runner);
    const bundle = diagnosticsBundleSchema.parse(
      (await HANDLERS["diagnostics.collect"]({ kernelLogLines: 3 }, ctx)).output,
    );
    expect(bundle.kernelLog).toEqual(["y", "z", "w"]);
    expect(bundle.ethtool).toEqual({});
    expect(runner.calls.filter((c) => c[0] === "ethtool")).toEqual([["ethtool", "-i", "eth0"]]);
    expect(runner.calls.at(-1)).toEqual(["dmesg"]);
  });

  test("in dry-run nothing is executed and the bundle is still valid", async () => {
    const recorded: string[][] = [];
    const runner = dryRunRunner((argv) => recorded.push([...argv]));
    const { ctx } = context(runner);
    const bundle = diagnosticsBundleSchema.parse(
      (await HANDLERS["diagnostics.collect"]({ kernelLogLines: 0 }, ctx)).output,
    );
    expect(bundle.ipLink).toMatchObject({
      argv: ["ip", "-j", "link"],
      exitCode: 0,
      stdout: "[]\n",
    });
    expect(bundle.kernelLog).toEqual([]);
    expect(recorded).toHaveLength(1 + 12 + 3);
  });
});
