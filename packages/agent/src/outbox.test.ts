import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { Outbox, outboxCounts } from "./outbox";
import { tempDir } from "./testing/fixtures";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const item = (n: number) => ({ kind: "command-result", path: `/r/${n}`, body: { n } });

async function drain(outbox: Outbox): Promise<string[]> {
  const paths: string[] = [];
  for (let e = await outbox.peek(); e; e = await outbox.peek()) {
    paths.push(e.item.path);
    await outbox.remove(e.name);
  }
  return paths;
}

describe("outbox", () => {
  test("keeps items on disk and gives them back in order after a restart", async () => {
    const box = join(dir, "outbox");
    const outbox = await Outbox.open(box, 10);
    for (const n of [1, 2, 3]) await outbox.enqueue(item(n));
    const reopened = await Outbox.open(box, 10);
    expect(reopened.size).toBe(3);
    await reopened.enqueue(item(4));
    expect(await drain(reopened)).toEqual(["/r/1", "/r/2", "/r/3", "/r/4"]);
    expect(await readdir(box)).toEqual([]);
  });

  test("when full, drops the oldest and counts them (the count survives a restart)", async () => {
    const box = join(dir, "outbox");
    const outbox = await Outbox.open(box, 3);
    for (const n of [1, 2, 3, 4, 5]) await outbox.enqueue(item(n));
    expect(outbox.dropped).toBe(2);
    expect(await outboxCounts(box)).toEqual({ queued: 3, dropped: 2 });
    const reopened = await Outbox.open(box, 3);
    expect(reopened.dropped).toBe(2);
    expect(await drain(reopened)).toEqual(["/r/3", "/r/4", "/r/5"]);
  });

  test("an unreadable item is dropped instead of blocking the queue", async () => {
    const box = join(dir, "outbox");
    const outbox = await Outbox.open(box, 10);
    await outbox.enqueue(item(1));
    await outbox.enqueue(item(2));
    await writeFile(join(box, "000000000001.json"), "{ torn");
    expect(await drain(outbox)).toEqual(["/r/2"]);
    expect(outbox.dropped).toBe(1);
  });
});
