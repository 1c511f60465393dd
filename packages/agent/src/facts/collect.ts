import os from "node:os";
import { join } from "node:path";
import type { HostFacts } from "@fleetdeck/protocol";
import type { CommandRunner } from "../runner/types";
import { AGENT_VERSION } from "../version";
import { readIproute2Version } from "./iproute2";
import { parseProcModules } from "./modules";
import { readNics } from "./nics";
import { osFacts, readOsRelease } from "./os-release";
import { readText } from "./read";
import {
  type FactRoots,
  readBootId,
  readCpus,
  readHostname,
  readKdump,
  readKernel,
  readMachineId,
  readMemoryBytes,
  readPstoreBackend,
  readUptimeSeconds,
} from "./system";

export interface FactSources extends FactRoots {
  osReleasePath: string;
  hostname?: string | undefined;
  /** `ip -V` runs through it (in dry-run mode it is recorded, and the version is null). */
  runner: CommandRunner;
  /** A cached iproute2 version, so a heartbeat does not fork `ip` every time. */
  iproute2Version?: string | null | undefined;
}

export async function readModules(procRoot: string) {
  return parseProcModules((await readText(join(procRoot, "modules"))) ?? "");
}

/** Everything the dashboard knows about a host. Never throws for a missing file. */
export async function collectFacts(src: FactSources): Promise<HostFacts> {
  const [hostname, kernel, osRelease, cpus, memoryBytes, uptimeSeconds, bootId, machineId] =
    await Promise.all([
      readHostname(src, src.hostname),
      readKernel(src),
      readOsRelease(src.osReleasePath),
      readCpus(src),
      readMemoryBytes(src),
      readUptimeSeconds(src),
      readBootId(src),
      readMachineId(src),
    ]);
  const [nics, modules, kdump, pstoreBackend, iproute2Version] = await Promise.all([
    readNics(src.sysRoot),
    readModules(src.procRoot),
    readKdump(src),
    readPstoreBackend(src),
    src.iproute2Version !== undefined
      ? Promise.resolve(src.iproute2Version)
      : readIproute2Version(src.runner),
  ]);
  return {
    hostname,
    kernelRelease: kernel.release,
    kernelVersion: kernel.version,
    os: osFacts(osRelease),
    // uname -m (x86_64, aarch64), which is what people read, rather than Node's x64.
    arch: os.machine().slice(0, 32),
    cpus,
    memoryBytes,
    uptimeSeconds,
    bootId,
    machineId,
    nics,
    modules,
    iproute2Version,
    kdump,
    pstoreBackend,
    agentVersion: AGENT_VERSION,
  };
}
