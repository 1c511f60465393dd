import { join } from "node:path";
import type { Nic } from "@fleetdeck/protocol";
import { clip, linkBasename, listDir, readInt, readTrimmed } from "./read";

const MAX_NICS = 256;

/** Interfaces from /sys/class/net; each attribute independently optional. */
export async function readNics(sysRoot: string): Promise<Nic[]> {
  const base = join(sysRoot, "class", "net");
  const names = (await listDir(base)).filter((n) => n.length <= 15).slice(0, MAX_NICS);
  return Promise.all(names.map((name) => readNic(join(base, name), name)));
}

async function readNic(dir: string, name: string): Promise<Nic> {
  const [mac, driver, speed, mtu, queues, operState] = await Promise.all([
    readTrimmed(join(dir, "address")),
    linkBasename(join(dir, "device", "driver")),
    // Reading speed fails with EINVAL while the link is down; virtual devices say -1.
    readInt(join(dir, "speed")),
    readInt(join(dir, "mtu")),
    listDir(join(dir, "queues")),
    readTrimmed(join(dir, "operstate")),
  ]);
  const txQueues = queues.filter((q) => q.startsWith("tx-")).length;
  return {
    name,
    mac: mac === null ? null : clip(mac, 64),
    driver: driver === null ? null : clip(driver, 64),
    speedMbps: speed !== null && speed > 0 ? speed : null,
    mtu,
    txQueues: queues.length === 0 ? null : txQueues,
    operState: operState === null ? null : clip(operState, 16),
  };
}
