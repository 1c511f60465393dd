import type { HostFacts } from "@fleetdeck/protocol";

/** Facts with just the fields pre-flight reads, for tests. */
export function fakeFactsForTests(options: {
  kernelRelease: string;
  nics: string[];
  modules?: string[];
  iproute2?: string;
}): HostFacts {
  return {
    hostname: "h",
    kernelRelease: options.kernelRelease,
    kernelVersion: "",
    os: { id: null, versionId: null, prettyName: null },
    arch: "x86_64",
    cpus: 1,
    memoryBytes: 1,
    uptimeSeconds: 1,
    bootId: "b",
    machineId: "m",
    nics: options.nics.map((name) => ({
      name,
      mac: null,
      driver: null,
      speedMbps: null,
      mtu: 1500,
      txQueues: 1,
      operState: "up",
    })),
    modules: (options.modules ?? ["sch_htb"]).map((name) => ({
      name,
      size: 1,
      refcount: 0,
      holders: [],
      state: "Live",
    })),
    iproute2Version: options.iproute2 ?? "6.1.0",
    kdump: { armed: false, crashkernel: null },
    pstoreBackend: null,
    agentVersion: "t",
  };
}
