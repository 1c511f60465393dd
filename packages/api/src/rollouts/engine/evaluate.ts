import type { RolloutHostState } from "@fleetdeck/db";

export interface HostView {
  state: RolloutHostState;
  dispatchedAt: Date | null;
  verifiedAt: Date | null;
  bootIdAtApply: string | null;
}

export interface CommandView {
  state: string;
  /** When the agent finished it, by the agent's clock. */
  finishedAt?: Date | null;
  output: unknown;
  error: string | null;
  rejection: string | null;
  dryRun: boolean;
}

export interface Observed {
  command: CommandView | null;
  host: {
    online: boolean;
    /** The last heartbeat or stream activity. */
    lastSeenAt: Date | null;
    lastBootId: string | null;
    driftDetectedAt: Date | null;
    appliedHash: string | null;
    /** When the tree it reports was put in place, by the agent's clock. */
    appliedAt?: Date | null;
  };
  /** A crash from this host during its wave that the crash policy counts. */
  crash: { groupId: string; title: string } | null;
}

export interface Transition {
  state: RolloutHostState;
  reason: string | null;
  crashGroupId?: string;
}

const FINISHED_BADLY = new Set(["failed", "expired", "cancelled", "unknown"]);

interface ApplyOutput {
  applied?: boolean;
  restored?: boolean;
  failingLine?: string | null;
  differences?: string[];
}

/** Why an apply did not take effect, from what the agent reported. */
function refusal(output: ApplyOutput | null, fallback: string): string {
  const detail = output?.failingLine
    ? `the kernel refused: ${output.failingLine}`
    : output?.differences?.length
      ? `read-back differs: ${output.differences.slice(0, 3).join("; ")}`
      : fallback;
  return `${detail}${output?.restored ? " (the host restored its previous tree)" : ""}`;
}

function applyVerdict(command: CommandView): Transition | null {
  const output = command.output as ApplyOutput | null;
  if (FINISHED_BADLY.has(command.state)) {
    const why = command.rejection
      ? `the agent refused the command (${command.rejection})`
      : refusal(output, command.error ?? `the command ${command.state}`);
    return { state: "failed", reason: why };
  }
  if (command.state !== "succeeded") return null;
  if (command.dryRun || output?.applied) return { state: "verified", reason: null };
  return { state: "failed", reason: refusal(output, "the apply did not take effect") };
}

/**
 * What happened to one host of the wave in progress, from what the server has seen since
 * it was dispatched. A host that has not reported by the deadline has failed: silence is
 * never success. After it verified, a reboot, a crash, drift, going offline or reporting
 * another revision fails it until the wave's bake is over.
 */
export function evaluateHost(
  host: HostView,
  observed: Observed,
  ctx: { now: Date; deadlineAt: Date | null; revisionHash: string; silenceSeconds: number },
): Transition | null {
  if (host.state === "applying") {
    const verdict = observed.command ? applyVerdict(observed.command) : null;
    if (verdict) return verdict;
    if (ctx.deadlineAt && ctx.now > ctx.deadlineAt)
      return {
        state: "offline",
        reason: "no report before the wave's deadline (offline counts as failure)",
      };
    return null;
  }
  if (host.state !== "verified") return null;
  if (observed.crash)
    return {
      state: "crashed",
      reason: `kernel crash during bake: ${observed.crash.title}`,
      crashGroupId: observed.crash.groupId,
    };
  if (
    host.bootIdAtApply &&
    observed.host.lastBootId &&
    observed.host.lastBootId !== host.bootIdAtApply
  ) {
    return { state: "failed", reason: "unexpected reboot during bake (boot id changed)" };
  }
  if (
    observed.host.driftDetectedAt &&
    host.verifiedAt &&
    observed.host.driftDetectedAt >= host.verifiedAt
  ) {
    return { state: "failed", reason: "the applied policy drifted during bake" };
  }
  if (!observed.host.online) {
    // A host that went quiet holds the wave's gate (the wave cannot pass while it is
    // silent) and fails once its silence outlasts the report deadline: a server restart
    // or a network blip is survived, a host that stays away is a failure, never a success.
    const silentFor = ctx.now.getTime() - (observed.host.lastSeenAt?.getTime() ?? 0);
    if (silentFor > ctx.silenceSeconds * 1000)
      return {
        state: "offline",
        reason: `went offline during bake and stayed silent over ${ctx.silenceSeconds} s`,
      };
    return null;
  }
  // A report older than the apply is the tree before it (heartbeats and results travel
  // separately); one put in place after it that is not ours means the tree was replaced
  // or restored (commit-confirm gave up, someone applied by hand). Both times come from
  // the agent's clock, so skew between host and server does not matter.
  const appliedAt = observed.host.appliedAt;
  const ours = observed.command?.finishedAt;
  if (appliedAt && ours && appliedAt > ours && observed.host.appliedHash !== ctx.revisionHash) {
    return {
      state: "failed",
      reason: observed.host.appliedHash
        ? "the host now runs another revision than the one applied"
        : "the host restored its previous tree after the apply",
    };
  }
  return null;
}

export const FAILED_STATES: RolloutHostState[] = ["failed", "offline", "crashed"];
