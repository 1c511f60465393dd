import type { HostFacts } from "@fleetdeck/protocol";
import type { AgentConfig } from "../config";
import type { CommandRunner } from "../runner/types";
import { collectFacts } from "./collect";
import { readIproute2Version } from "./iproute2";
import { readUptimeSeconds } from "./system";

/** Long enough that a heartbeat rarely forks `ip -V`, short enough to notice an upgrade. */
const IPROUTE2_TTL_MS = 5 * 60_000;

type FactsConfig = Pick<
  AgentConfig,
  "procRoot" | "sysRoot" | "machineIdPath" | "pstoreDir" | "osReleasePath" | "hostname"
>;

/** Facts for heartbeats and handlers: re-read each time, `ip -V` cached for a while. */
export class FactsSource {
  private iproute2: { version: string | null; at: number } | null = null;

  constructor(
    private readonly config: FactsConfig,
    private readonly runner: CommandRunner,
  ) {}

  /** `fresh` re-runs every probe (facts.refresh). */
  async collect(fresh = false): Promise<HostFacts> {
    const now = Date.now();
    if (fresh || !this.iproute2 || now - this.iproute2.at > IPROUTE2_TTL_MS)
      this.iproute2 = { version: await readIproute2Version(this.runner), at: now };
    return collectFacts({
      ...this.config,
      runner: this.runner,
      iproute2Version: this.iproute2.version,
    });
  }

  uptimeSeconds(): Promise<number> {
    return readUptimeSeconds(this.config);
  }
}
