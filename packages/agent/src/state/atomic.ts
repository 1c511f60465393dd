import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";

export interface WriteOptions {
  mode?: number;
  /** Skip fsync for files that only describe the moment (status.json). */
  durable?: boolean;
}

/**
 * Write to a temporary file, fsync it, rename it over the target, fsync the directory:
 * a reader (or a reboot) sees the old file or the new one, never half of one.
 */
export async function writeFileAtomic(
  path: string,
  data: string,
  options: WriteOptions = {},
): Promise<void> {
  const { mode = 0o644, durable = true } = options;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const file = await open(temp, "w", mode);
  try {
    await file.writeFile(data);
    await file.chmod(mode);
    if (durable) await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (durable) await syncDir(dirname(path));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeJsonAtomic(
  path: string,
  value: unknown,
  options?: WriteOptions,
): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/** The parsed file, or null when it does not exist. Other errors (bad JSON) throw. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return JSON.parse(text);
}
