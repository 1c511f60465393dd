import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseConfig } from "../config";
import { silentLogger } from "../log";
import { startAgent } from "../loop";
import { FakeServer } from "../testing/fake-server";
import { eventually, fixtureRoots, PACKAGE_DIR } from "../testing/fixtures";
import { enrolledAgent, FAST } from "../testing/harness";
import { readHistory } from "./history";
import { runnerInterfaces } from "./interfaces";
import { readCurrent } from "./records";
import { tcPaths } from "./paths";
import { configOf } from "./testing/capture";
import { gatedRunner } from "./testing/gate";
import { canUseNetns, createTestNs } from "./testing/netns";

/*
 * Commit-confirm against the fake server, on a real kernel: the server goes away right
 * after a tc.apply starts, the agent restores by itself, records it, and reports the
 * apply as failed once the server is back; the deadline survives an agent restart.
 */
const enabled = await canUseNetns();
const spec = JSON.parse(
  readFileSync(
    join(PACKAGE_DIR, "..", "tc", "fixtures", "golden", "htb-nested-kernel", "policy.json"),
    "utf8",
  ),
).spec;
const REV = "cccccccc-0000-4000-8000-00000000000c";
const HASH = "c".repeat(64);

type Finished = (fn: () => Promise<void>) => void;

/** Each scenario has its own server, namespace and agent, so the three run side by side. */
async function setup(gated: boolean, onTestFinished: Finished) {
  const cleanups: (() => Promise<void>)[] = [];
  onTestFinished(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });
  const server = new FakeServer();
  await server.start();
  cleanups.push(() => server.stop());
  const ns = await createTestNs(["eth0", "eth1"]);
  cleanups.push(() => ns.destroy());
  const runner = gated ? gatedRunner(ns.runner) : ns.runner;
  const tcOptions = { interfaces: runnerInterfaces(ns.runner), bootId: async () => "boot-confirm" };
  const t = await enrolledAgent(server, { driftCheckSeconds: 0 }, { runner, tc: tcOptions });
  cleanups.push(() => t.cleanup());
  await eventually(() => t.agent.status().connection === "connected", 5_000, "the stream");
  const apply = (confirm: number) => {
    const command = server.sign({
      hostId: t.hostId,
      type: "tc.apply",
      args: {
        revisionId: REV,
        policyName: "edge",
        hash: HASH,
        spec,
        commitConfirmSeconds: confirm,
      },
    });
    server.push(command);
    return command;
  };
  /** Runs before the rest of the cleanup (an agent must stop before its state dir goes). */
  const defer = (fn: () => Promise<void>) => cleanups.push(fn);
  return { server, ns, t, runner, tcOptions, apply, defer };
}

const lastTc = (server: FakeServer) => server.heartbeats.at(-1)?.body.tc;

async function leaveAfterStart(server: FakeServer, runner: ReturnType<typeof gatedRunner>) {
  await runner.reached;
  await server.stop();
  runner.open();
}

describe
  .skipIf(!enabled)
  .concurrent("commit-confirm (real kernel, fake server)", { timeout: 20_000 }, () => {
    test("a heartbeat after the apply confirms it: nothing is restored", async ({
      onTestFinished,
    }) => {
      const { server, ns, t, apply } = await setup(false, onTestFinished);
      const before = await configOf(ns, "eth0");
      const command = apply(2);
      const result = await eventually(() => server.resultsFor(command.id)[0], 8_000, "the result");
      expect(result).toMatchObject({ state: "succeeded", output: { applied: true } });
      await eventually(
        () => lastTc(server)?.appliedRevisionId === REV && lastTc(server)?.pendingConfirm === false,
        5_000,
        "a confirming heartbeat",
      );
      await new Promise((r) => setTimeout(r, 2_200));
      expect(await configOf(ns, "eth0")).not.toEqual(before);
      expect((await readHistory(t.stateDir)).map((l) => l.event)).toEqual(["apply"]);
    });

    test("server gone right after the apply: restored, recorded, reported as failed", async ({
      onTestFinished,
    }) => {
      const { server, ns, t, runner, apply } = await setup(true, onTestFinished);
      const before = await configOf(ns, "eth0");
      const command = apply(2);
      await leaveAfterStart(server, runner as ReturnType<typeof gatedRunner>);
      await eventually(
        async () => (await readCurrent(tcPaths(t.stateDir)))?.revisionId === REV,
        5_000,
        "the apply",
      );
      const restored = async () => (await readHistory(t.stateDir)).length === 2;
      await eventually(restored, 8_000, "the auto-restore");
      expect(await configOf(ns, "eth0")).toEqual(before);
      const history = await readHistory(t.stateDir);
      expect(history.map((l) => [l.event, l.revisionId])).toEqual([
        ["apply", REV],
        ["auto-restore", null],
      ]);
      expect(await readCurrent(tcPaths(t.stateDir))).toMatchObject({
        revisionId: null,
        confirmDeadline: null,
      });
      await server.start();
      const result = await eventually(() => server.resultsFor(command.id)[0], 10_000, "the result");
      expect(result).toMatchObject({
        state: "failed",
        error: "auto-restored: server unreachable for 2s after apply",
        output: { revisionId: REV, applied: false, restored: true },
      });
      await eventually(
        () =>
          lastTc(server)?.pendingConfirm === false && lastTc(server)?.appliedRevisionId === null,
        5_000,
        "the heartbeat tc status",
      );
    });

    test("the deadline survives an agent restart", async ({ onTestFinished }) => {
      const { server, ns, t, runner, tcOptions, apply, defer } = await setup(true, onTestFinished);
      const before = await configOf(ns, "eth0");
      const command = apply(3);
      await leaveAfterStart(server, runner as ReturnType<typeof gatedRunner>);
      await eventually(
        async () => (await readCurrent(tcPaths(t.stateDir)))?.confirmDeadline,
        5_000,
        "the apply",
      );
      await t.agent.stop();
      expect(await configOf(ns, "eth0")).not.toEqual(before);
      const config = parseConfig({
        ...fixtureRoots(),
        ...FAST,
        stateDir: t.stateDir,
        driftCheckSeconds: 0,
      });
      const second = await startAgent(config, {
        runner: ns.runner,
        log: silentLogger,
        tc: tcOptions,
      });
      defer(() => second.stop());
      const restored = async () => (await readHistory(t.stateDir)).length === 2;
      await eventually(restored, 8_000, "the auto-restore by the new process");
      expect(await configOf(ns, "eth0")).toEqual(before);
      expect((await readHistory(t.stateDir)).map((l) => l.event)).toEqual([
        "apply",
        "auto-restore",
      ]);
      await server.start();
      const result = await eventually(() => server.resultsFor(command.id)[0], 10_000, "the result");
      expect(result).toMatchObject({
        state: "failed",
        error: "auto-restored: server unreachable for 3s after apply",
      });
    });
  });
