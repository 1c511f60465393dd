import { z } from "zod";

export const nicSchema = z.object({
  name: z.string().max(15),
  mac: z.string().max(64).nullable(),
  driver: z.string().max(64).nullable(),
  /** Mbit/s as the kernel reports it; null when unknown (virtual devices, link down). */
  speedMbps: z.number().int().nullable(),
  mtu: z.number().int().nullable(),
  /** Transmit queues (sysfs queues/tx-*): what an `mq` root needs. */
  txQueues: z.number().int().nullable(),
  operState: z.string().max(16).nullable(),
});

export const kernelModuleSchema = z.object({
  name: z.string().max(64),
  size: z.number().int(),
  refcount: z.number().int(),
  /** Modules that use this one (the "used by" column of /proc/modules). */
  holders: z.array(z.string().max(64)).max(64),
  state: z.string().max(16),
});

/** What a host is, as its agent sees it. Travels only when its hash changes (and now and then). */
export const hostFactsSchema = z.object({
  hostname: z.string().max(255),
  kernelRelease: z.string().max(128),
  kernelVersion: z.string().max(256),
  os: z.object({
    id: z.string().max(64).nullable(),
    versionId: z.string().max(64).nullable(),
    prettyName: z.string().max(256).nullable(),
  }),
  arch: z.string().max(32),
  cpus: z.number().int().min(0),
  memoryBytes: z.number().int().min(0),
  uptimeSeconds: z.number().min(0),
  bootId: z.string().max(64),
  machineId: z.string().max(64),
  nics: z.array(nicSchema).max(256),
  modules: z.array(kernelModuleSchema).max(2048),
  iproute2Version: z.string().max(64).nullable(),
  kdump: z.object({
    /** /sys/kernel/kexec_crash_loaded is 1: a crash kernel is loaded and will capture a vmcore. */
    armed: z.boolean(),
    /** The crashkernel= reservation from /proc/cmdline, when present. */
    crashkernel: z.string().max(128).nullable(),
  }),
  /** The pstore backend (efi, ramoops, erst…), null when pstore is not mounted or empty. */
  pstoreBackend: z.string().max(64).nullable(),
  agentVersion: z.string().max(64),
});

export type HostFacts = z.infer<typeof hostFactsSchema>;
export type Nic = z.infer<typeof nicSchema>;
export type KernelModule = z.infer<typeof kernelModuleSchema>;
