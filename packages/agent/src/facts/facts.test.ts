import { hostFactsSchema } from "@fleetdeck/protocol";
import { describe, expect, test } from "vitest";
import { recordingRunner } from "../runner/recording";
import { DEBIAN12, fixtureRoots, tempDir } from "../testing/fixtures";
import { AGENT_VERSION } from "../version";
import { collectFacts } from "./collect";
import { factsHash } from "./hash";
import { parseIpVersion } from "./iproute2";
import { parseProcModules } from "./modules";
import { parseOsRelease } from "./os-release";
import { FactsSource } from "./source";
import { countCpuList } from "./system";

const ipV = { "ip -V": { stdout: "ip utility, iproute2-6.1.0, libbpf 1.1.0\n" } };

describe("facts from a fixture tree", () => {
  test("a Debian 12 host", async () => {
    const runner = recordingRunner(ipV);
    const facts = await collectFacts({ ...fixtureRoots(DEBIAN12), runner });
    expect(hostFactsSchema.parse(facts)).toEqual(facts);
    expect(runner.calls).toEqual([["ip", "-V"]]);
    const { modules, nics, arch, ...rest } = facts;
    expect(rest).toEqual({
      hostname: "edge-fra1-03",
      kernelRelease: "6.1.0-18-amd64",
      kernelVersion: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)",
      os: { id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)" },
      cpus: 8,
      memoryBytes: 16318412 * 1024,
      uptimeSeconds: 12345.67,
      bootId: "5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f",
      machineId: "0123456789abcdef0123456789abcdef",
      iproute2Version: "6.1.0",
      kdump: { armed: true, crashkernel: "384M-:128M" },
      pstoreBackend: "efi_pstore",
      agentVersion: AGENT_VERSION,
    });
    expect(arch).toMatch(/^[a-z0-9_]+$/);
    expect(nics).toEqual([
      {
        name: "eth0",
        mac: "52:54:00:12:34:56",
        driver: "ixgbe",
        speedMbps: 10000,
        mtu: 1500,
        txQueues: 4,
        operState: "up",
      },
      // Link down: reading speed fails (EINVAL on a real host, a directory here).
      {
        name: "eth1",
        mac: "52:54:00:ab:cd:ef",
        driver: "virtio_net",
        speedMbps: null,
        mtu: 9000,
        txQueues: 1,
        operState: "down",
      },
      {
        name: "lo",
        mac: "00:00:00:00:00:00",
        driver: null,
        speedMbps: null,
        mtu: 65536,
        txQueues: 1,
        operState: "unknown",
      },
      {
        name: "wg0",
        mac: null,
        driver: null,
        speedMbps: null,
        mtu: 1420,
        txQueues: null,
        operState: "unknown",
      },
    ]);
    expect(modules.find((m) => m.name === "nf_conntrack")).toEqual({
      name: "nf_conntrack",
      size: 176128,
      refcount: 5,
      holders: ["nf_conntrack_netlink", "xt_conntrack", "nf_nat", "xt_MASQUERADE"],
      state: "Live",
    });
    expect(modules).toHaveLength(10);
  });

  test("an empty tree yields nulls and empties, never a crash", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const runner = recordingRunner({ "ip -V": { exitCode: null, error: "ip: not found" } });
      const facts = await collectFacts({ ...fixtureRoots(dir), runner });
      expect(hostFactsSchema.parse(facts)).toEqual(facts);
      expect(facts).toMatchObject({
        os: { id: null, versionId: null, prettyName: null },
        bootId: "",
        machineId: "",
        nics: [],
        modules: [],
        iproute2Version: null,
        kdump: { armed: false, crashkernel: null },
        pstoreBackend: null,
      });
    } finally {
      await cleanup();
    }
  });

  test("the pstore backend falls back to the record names", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const roots = { ...fixtureRoots(dir), pstoreDir: fixtureRoots().pstoreDir };
      const facts = await collectFacts({ ...roots, runner: recordingRunner(ipV) });
      expect(facts.pstoreBackend).toBe("efi");
    } finally {
      await cleanup();
    }
  });

  test("the hostname override wins", async () => {
    const facts = await collectFacts({
      ...fixtureRoots(),
      hostname: "demo-1",
      runner: recordingRunner(ipV),
    });
    expect(facts.hostname).toBe("demo-1");
  });
});

describe("parsers", () => {
  test("/proc/modules: holders, [permanent], taint flags, odd lines", () => {
    const text = [
      "libcrc32c 16384 3 nf_nat,nf_conntrack,[permanent], Live 0x0",
      "vboxdrv 565248 0 - Live 0x0 (OE)",
      "garbage",
      "bad size 1 - Live 0x0",
      "",
    ].join("\n");
    expect(parseProcModules(text)).toEqual([
      {
        name: "libcrc32c",
        size: 16384,
        refcount: 3,
        holders: ["nf_nat", "nf_conntrack"],
        state: "Live",
      },
      { name: "vboxdrv", size: 565248, refcount: 0, holders: [], state: "Live" },
    ]);
  });

  test.each([
    ["ip utility, iproute2-6.1.0", "6.1.0"],
    ["ip utility, iproute2-6.1.0, libbpf 1.1.0", "6.1.0"],
    ["ip utility, iproute2-ss190107", "ss190107"],
    ["ip utility, iproute2-5.15.0\n", "5.15.0"],
    ["BusyBox v1.36.1", null],
  ])("ip -V %j → %s", (output, version) => {
    expect(parseIpVersion(output)).toBe(version);
  });

  test("os-release quoting", () => {
    expect(parseOsRelease(`A="x y"\nB='z'\nC=plain\n#D=no\nE="say \\"hi\\""\n bad line`)).toEqual({
      A: "x y",
      B: "z",
      C: "plain",
      E: 'say "hi"',
    });
  });

  test("cpu lists", () => {
    expect(countCpuList("0-3,8-11")).toBe(8);
    expect(countCpuList("0")).toBe(1);
    expect(countCpuList("0,2,4-5")).toBe(4);
  });
});

describe("facts hash", () => {
  test("ignores uptime and nothing else", async () => {
    const facts = await collectFacts({ ...fixtureRoots(), runner: recordingRunner(ipV) });
    const hash = factsHash(facts);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(factsHash({ ...facts, uptimeSeconds: 99_999 })).toBe(hash);
    expect(factsHash({ ...facts, nics: facts.nics.slice(1) })).not.toBe(hash);
    expect(factsHash({ ...facts, kdump: { armed: false, crashkernel: null } })).not.toBe(hash);
  });
});

describe("facts source", () => {
  test("caches `ip -V` between heartbeats; a fresh collect re-runs it", async () => {
    const runner = recordingRunner(ipV);
    const source = new FactsSource({ ...fixtureRoots() }, runner);
    await source.collect();
    await source.collect();
    expect(runner.calls).toHaveLength(1);
    await source.collect(true);
    expect(runner.calls).toHaveLength(2);
  });
});
