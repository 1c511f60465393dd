import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { expect, test } from "vitest";
import { FileBlobStore } from "./blob-store";

test("blobs are stored by content: same bytes once, names never become paths", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "blobs-"));
  const store = new FileBlobStore(root);
  const a = await store.putBuffer("kernel BUG at mm/slub.c:384!");
  const b = await store.putStream(
    Readable.from([Buffer.from("kernel BUG at "), Buffer.from("mm/slub.c:384!")]),
  );
  expect(b).toEqual({ key: a, size: 28 });
  expect(readdirSync(root).filter((d) => !d.startsWith("."))).toEqual([a.slice(0, 2)]);
  expect(() => store.read("../../etc/passwd")).toThrow(/not a blob key/);
  const chunks: Buffer[] = [];
  for await (const chunk of store.read(a)) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe("kernel BUG at mm/slub.c:384!");
});
