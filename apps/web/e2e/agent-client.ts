import { randomUUID } from "node:crypto";
import {
  AGENT_PATHS,
  type EnrollResponse,
  generateKeyPair,
  type HostFacts,
  importPrivateKey,
  type KeyPair,
  signRequest,
} from "@fleetdeck/protocol";

/** Plausible facts for a test host. */
export function fakeFacts(
  hostname: string,
  machineId = randomUUID().replaceAll("-", ""),
): HostFacts {
  return {
    hostname,
    kernelRelease: "6.1.0-56-amd64",
    kernelVersion: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2",
    os: { id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)" },
    arch: "x86_64",
    cpus: 2,
    memoryBytes: 2 * 1024 ** 3,
    uptimeSeconds: 1234,
    bootId: randomUUID(),
    machineId,
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
    modules: [{ name: "sch_htb", size: 40960, refcount: 0, holders: [], state: "Live" }],
    iproute2Version: "6.1.0",
    kdump: { armed: false, crashkernel: null },
    pstoreBackend: null,
    agentVersion: "test",
  };
}

/**
 * A hand-driven agent for HTTP-level tests of the server: it signs exactly what it is
 * told to, so tests can also forge, replay and misattribute requests.
 */
export class TestAgent {
  readonly keys: KeyPair = generateKeyPair();
  hostId = "";
  serverPublicKey = "";

  constructor(
    readonly baseUrl: string,
    readonly facts: HostFacts,
  ) {}

  async enroll(
    token: string,
  ): Promise<{ status: number; body: EnrollResponse & { error?: { message: string } } }> {
    const res = await fetch(`${this.baseUrl}${AGENT_PATHS.enroll}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        version: 1,
        token,
        publicKey: this.keys.publicKey,
        machineId: this.facts.machineId,
        facts: this.facts,
      }),
    });
    const body = await res.json();
    if (res.status === 201) {
      this.hostId = body.hostId;
      this.serverPublicKey = body.serverPublicKey;
    }
    return { status: res.status, body };
  }

  /** Signed headers for a request, as a real agent would send it (or as `as` claims). */
  sign(
    method: string,
    path: string,
    body: string,
    options: { as?: string; keys?: KeyPair; at?: number } = {},
  ) {
    return signRequest(
      options.as ?? this.hostId,
      importPrivateKey(options.keys ?? this.keys),
      { method, path, body },
      options.at,
    );
  }

  async post(path: string, payload: unknown, options: Parameters<TestAgent["sign"]>[3] = {}) {
    const body = JSON.stringify(payload);
    const headers = {
      "content-type": "application/json",
      ...this.sign("POST", path, body, options),
    };
    return fetch(`${this.baseUrl}${path}`, { method: "POST", headers, body });
  }

  heartbeat(seq: number, withFacts = false, options: Parameters<TestAgent["sign"]>[3] = {}) {
    return this.post(
      AGENT_PATHS.heartbeat,
      {
        version: 1,
        seq,
        bootId: this.facts.bootId,
        uptimeSeconds: 1,
        agentVersion: "test",
        factsHash: "a".repeat(64),
        ...(withFacts ? { facts: this.facts } : {}),
      },
      options,
    );
  }
}
