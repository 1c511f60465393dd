import { open } from "node:fs/promises";

/**
 * The last `max` bytes of a file as text, from a line start. A dump's log is small, but a
 * corrupted one may not be, and the crash is at its end.
 */
export async function readTail(path: string, max: number): Promise<string | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, max);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString("utf8", 0, bytesRead);
    if (length === size) return text;
    const newline = text.indexOf("\n");
    return newline >= 0 ? text.slice(newline + 1) : text;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}
