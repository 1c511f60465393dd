import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseKernelLog } from "@fleetdeck/crash";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { silentLogger } from "../log";
import { appliedRevisionForBoot } from "../tc";
import { tempDir } from "../testing/fixtures";
import { BootLog } from "./boots";
import { collectKdump } from "./collectors/kdump";
import { type IntakeDeps, intake } from "./intake";
import { syntheticBootId } from "./key";
import { CrashQueue } from "./queue";
import { SeenStore } from "./seen";
import {
  CURRENT_BOOT,
  historyJsonl,
  KDUMP_FIXTURE,
  PREVIOUS_BOOT,
  REVISION_AT_CRASH,
  REVISION_NOW,
} from "./testing/fixtures";
import { fitText } from "./text";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function deps(current: string): Promise<IntakeDeps> {
  return {
    stateDir: dir,
    pstoreDelete: false,
    boots: await BootLog.open(join(dir, "crash", "boots.json"), current),
    seen: await SeenStore.open(join(dir, "crash", "seen.json")),
    queue: await CrashQueue.open(join(dir, "crash", "queue"), 10),
    refused: new Set(),
    log: silentLogger,
  };
}

describe("boot attribution", () => {
  test("on the agent's first boot a dump's boot is unknown, named by its directory", async () => {
    const d = await deps(CURRENT_BOOT);
    const [dump] = await collectKdump(KDUMP_FIXTURE);
    if (!dump) throw new Error("no dump");
    expect(await intake(d, dump)).toBe("queued");
    const queued = await d.queue.first();
    expect(queued?.item.upload).toMatchObject({
      bootId: "unknown:kdump:127.0.0.1-2024-05-01-10:22:03",
      appliedRevisionId: null,
    });
    expect(await intake(d, dump)).toBe("pending");
    expect(syntheticBootId("kdump", `${"h".repeat(80)}-2024`)).toMatch(
      /^unknown:kdump:[0-9a-f]{40}$/,
    );
  });

  test("boots.json lists each boot once, oldest first", async () => {
    await BootLog.open(join(dir, "b.json"), PREVIOUS_BOOT, 1);
    await BootLog.open(join(dir, "b.json"), PREVIOUS_BOOT, 2);
    const log = await BootLog.open(join(dir, "b.json"), CURRENT_BOOT, 3);
    expect(log.previous()).toBe(PREVIOUS_BOOT);
    expect(JSON.parse(await readFile(join(dir, "b.json"), "utf8"))).toEqual({
      v: 1,
      boots: [
        { bootId: PREVIOUS_BOOT, firstSeenAt: 1 },
        { bootId: CURRENT_BOOT, firstSeenAt: 3 },
      ],
    });
  });

  test("the revision in force at the end of a boot, from applied/history.jsonl", async () => {
    expect(await appliedRevisionForBoot(dir, PREVIOUS_BOOT)).toBeNull();
    await mkdir(join(dir, "applied"));
    await writeFile(join(dir, "applied", "history.jsonl"), `${historyJsonl()}{"bootId":"x",`);
    expect(await appliedRevisionForBoot(dir, PREVIOUS_BOOT)).toBe(REVISION_AT_CRASH);
    expect(await appliedRevisionForBoot(dir, CURRENT_BOOT)).toBe(REVISION_NOW);
    expect(await appliedRevisionForBoot(dir, "another")).toBeNull();
  });
});

describe("seen and text", () => {
  test("seen.json keeps the newest entries only", async () => {
    const path = join(dir, "seen.json");
    const seen = await SeenStore.open(path, 3);
    for (const n of [1, 2, 3, 4])
      await seen.add({
        key: `k${n}`,
        source: "kmsg",
        bootId: "b",
        origin: `o${n}`,
        textSha256: `t${n}`,
        at: n,
        crashIds: [],
      });
    const again = await SeenStore.open(path, 3);
    expect([again.has("k1"), again.has("k2"), again.has("k4")]).toEqual([false, true, true]);
    expect(again.bootFor("kmsg", "o4", "t4")).toBe("b");
  });

  test("a text over the limit keeps the tail that holds the last report", async () => {
    const log = await readFile(join(KDUMP_FIXTURE, "202405011022", "dmesg.202405011022"), "utf8");
    const noisy = `${log}${"[  999.000000] noise after the report\n".repeat(200)}`;
    const reports = parseKernelLog(noisy);
    const fitted = fitText(noisy, reports, 6_000);
    expect(fitted.length).toBeLessThanOrEqual(6_000);
    expect(fitted).not.toContain("noise after");
    expect(parseKernelLog(fitted)[0]?.title).toBe(reports[0]?.title);
    expect(fitText("short", reports, 6_000)).toBe("short");
  });
});
