import { randomBytes, randomUUID } from "node:crypto";
import type { HostFacts } from "@fleetdeck/protocol";

const MODULES = [
  "sch_htb",
  "sch_fq_codel",
  "sch_ingress",
  "cls_u32",
  "cls_flower",
  "act_mirred",
  "ifb",
  "nf_tables",
  "nf_conntrack",
  "nf_defrag_ipv4",
  "nf_defrag_ipv6",
  "overlay",
  "bridge",
  "stp",
  "llc",
  "virtio_net",
  "net_failover",
  "failover",
  "virtio_blk",
  "ext4",
  "mbcache",
  "jbd2",
  "crc32c_generic",
  "xfs",
  "libcrc32c",
  "dm_mod",
  "tls",
  "ipv6",
  "af_packet",
  "tcp_bbr",
];

/** What a small Debian VM reports: one NIC, a few dozen modules (about 3 kB of JSON). */
export function simulatedFacts(index: number): HostFacts {
  return {
    hostname: `sim-${String(index).padStart(5, "0")}`,
    kernelRelease: "6.1.0-56-amd64",
    kernelVersion: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2",
    os: { id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)" },
    arch: "x86_64",
    cpus: 2,
    memoryBytes: 2 * 1024 ** 3,
    uptimeSeconds: 1234,
    bootId: randomUUID(),
    machineId: randomBytes(16).toString("hex"),
    nics: [
      {
        name: "eth0",
        mac: "52:54:00:12:34:56",
        driver: "virtio_net",
        speedMbps: 1000,
        mtu: 1500,
        txQueues: 2,
        operState: "up",
      },
    ],
    modules: MODULES.map((name, i) => ({
      name,
      size: 16384 + i * 4096,
      refcount: i % 3,
      holders: [],
      state: "Live",
    })),
    iproute2Version: "6.1.0",
    kdump: { armed: false, crashkernel: null },
    pstoreBackend: null,
    agentVersion: "bench-sim",
  };
}
