import type { KernelModule } from "@fleetdeck/protocol";
import { clip } from "./read";

const MAX_MODULES = 2048;
const MAX_HOLDERS = 64;

/**
 * `/proc/modules`: `name size refcount holders state address [taints]`. Holders is the
 * "used by" column: `-` for none, else a comma-terminated list that may contain the
 * marker `[permanent]` (a module that cannot be unloaded), which is not a module.
 */
export function parseProcModules(text: string): KernelModule[] {
  const modules: KernelModule[] = [];
  for (const line of text.split("\n")) {
    const [name, size, refcount, holders, state] = line.trim().split(/\s+/);
    if (!name || !size || !refcount || holders === undefined || !state) continue;
    if (!/^\d+$/.test(size) || !/^-?\d+$/.test(refcount)) continue;
    modules.push({
      name: clip(name, 64),
      size: Number(size),
      refcount: Number(refcount),
      holders: parseHolders(holders),
      state: clip(state, 16),
    });
    if (modules.length === MAX_MODULES) break;
  }
  return modules;
}

function parseHolders(column: string): string[] {
  if (column === "-") return [];
  return column
    .split(",")
    .filter((h) => h !== "" && h !== "[permanent]")
    .slice(0, MAX_HOLDERS)
    .map((h) => clip(h, 64));
}
