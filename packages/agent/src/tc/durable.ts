import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fsync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import { promisify } from "node:util";

const fsyncAsync = promisify(fsync);

async function syncAndClose(fd: number): Promise<void> {
  try {
    await fsyncAsync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * writeJsonAtomic's guarantees and format (temp file, fsync, rename, fsync of the
 * directory; a reader or a reboot sees the old file or the new one), with only the
 * two fsyncs off the event loop. The rest is page-cache work of microseconds, while
 * each async fs call waits for a libuv pool thread: on a loaded host that wait costs
 * more than the call, and an apply writes two of these files (snapshot, current.json).
 */
export async function writeJsonDurable(path: string, value: unknown, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    const fd = openSync(temp, "w", mode);
    try {
      writeFileSync(fd, `${JSON.stringify(value, null, 2)}\n`);
      fchmodSync(fd, mode);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    await syncAndClose(fd);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  await syncAndClose(openSync(dir, "r"));
}
