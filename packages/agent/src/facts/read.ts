import { readdir, readFile, readlink } from "node:fs/promises";
import { basename } from "node:path";

/**
 * Reads that never throw: a fact the host does not expose (no kdump, a container
 * without /sys, a NIC whose speed read fails with EINVAL while the link is down) is
 * simply absent.
 */
export async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

export async function readTrimmed(path: string): Promise<string | null> {
  const text = await readText(path);
  if (text === null) return null;
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

/** An integer file (mtu, speed); null when missing, unreadable or not a number. */
export async function readInt(path: string): Promise<number | null> {
  const text = await readTrimmed(path);
  if (text === null || !/^-?\d+$/.test(text)) return null;
  return Number(text);
}

export async function listDir(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch {
    return [];
  }
}

/** The last part of a symlink's target (`device/driver` → `virtio_net`). */
export async function linkBasename(path: string): Promise<string | null> {
  try {
    return basename(await readlink(path));
  } catch {
    return null;
  }
}

export function clip(value: string, max: number): string {
  return value.length <= max ? value : value.slice(0, max);
}
