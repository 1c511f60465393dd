import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../cli/main";
import type { AgentConfigInput } from "../../config";
import { silentLogger } from "../../log";
import { type RunningAgent, startAgent } from "../../loop";
import { type Replies, recordingRunner } from "../../runner/recording";
import type { FakeServer } from "../../testing/fake-server";
import { DEBIAN12, fixtureRoots, tempDir } from "../../testing/fixtures";
import { captureIo, FAST } from "../../testing/harness";
import { historyJsonl, KDUMP_FIXTURE, KMSG_FIXTURE, PSTORE_FIXTURE } from "./fixtures";

/**
 * An enrolled host whose /proc, /var/crash, pstore and kmsg are writable copies, so a test
 * can crash it, reboot it (a new boot_id) and restart the agent on the same state dir.
 */
export async function crashHost(server: FakeServer, extra: AgentConfigInput = {}) {
  const { dir, cleanup } = await tempDir("fleetdeck-crash-");
  const procRoot = join(dir, "proc");
  await cp(join(DEBIAN12, "proc"), procRoot, { recursive: true });
  const paths = {
    stateDir: join(dir, "state"),
    kdumpDir: join(dir, "var-crash"),
    pstoreDir: join(dir, "pstore"),
    kmsgPath: join(dir, "kmsg"),
  };
  await mkdir(paths.kdumpDir);
  await mkdir(paths.pstoreDir);
  const config: AgentConfigInput = {
    ...fixtureRoots(),
    ...FAST,
    ...paths,
    procRoot,
    kmsgQuietSeconds: 0.2,
    ...extra,
  };
  const configPath = join(dir, "agent.json");
  await writeFile(configPath, JSON.stringify(config));
  const io = captureIo();
  const code = await main(
    ["--config", configPath, "enroll", "--server", server.url, "--token", server.issueToken()],
    io,
  );
  if (code !== 0) throw new Error(`enroll failed: ${io.err.join("\n")}`);
  let replies: Record<string, { stdout: string }> = {};
  const runner = recordingRunner(((argv) => replies[argv.join(" ")]) satisfies Replies);
  let agent: RunningAgent | null = null;
  return {
    ...paths,
    dir,
    runner,
    get agent(): RunningAgent {
      if (!agent) throw new Error("the agent is not running");
      return agent;
    },
    /** What `journalctl …` answers, by argv joined with spaces. */
    journal(next: Record<string, string>) {
      replies = Object.fromEntries(Object.entries(next).map(([k, stdout]) => [k, { stdout }]));
    },
    async boot(bootId: string) {
      await writeFile(join(procRoot, "sys", "kernel", "random", "boot_id"), `${bootId}\n`);
    },
    /** What a crashed boot leaves behind: kdump dumps, pstore records, the kmsg of this boot. */
    async leaveCrashes() {
      await cp(KDUMP_FIXTURE, paths.kdumpDir, { recursive: true });
      await cp(PSTORE_FIXTURE, paths.pstoreDir, { recursive: true });
      await cp(KMSG_FIXTURE, paths.kmsgPath);
      await mkdir(join(paths.stateDir, "applied"), { recursive: true });
      await writeFile(join(paths.stateDir, "applied", "history.jsonl"), historyJsonl());
    },
    async start() {
      agent = await startAgent(config, { runner, log: silentLogger });
      return agent;
    },
    async stop() {
      await agent?.stop();
      agent = null;
    },
    async cleanup() {
      await agent?.stop();
      await cleanup();
    },
  };
}

export type CrashHost = Awaited<ReturnType<typeof crashHost>>;
