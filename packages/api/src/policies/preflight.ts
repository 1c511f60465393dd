import type { HostFacts } from "@fleetdeck/protocol";
import type { PolicySpec, RequiredFeatures } from "@fleetdeck/tc";

/** The first kernel and iproute2 release that know each feature (from their changelogs). */
const MIN_KERNEL: Record<string, string> = {
  cake: "4.19",
  fq_codel: "3.5",
  fq: "3.12",
  clsact: "4.5",
  flower: "4.2",
  matchall: "4.8",
  mq: "2.6.32",
  ifb: "2.6.20",
};
const MIN_IPROUTE2: Record<string, string> = {
  cake: "4.19.0",
  clsact: "4.5.0",
  flower: "4.2.0",
  matchall: "4.8.0",
};

export interface PreflightVerdict {
  ok: boolean;
  /** The apply would fail: the host is excluded from a rollout. */
  problems: string[];
  /** Worth a look, not a blocker (a module not loaded yet usually loads on demand). */
  warnings: string[];
}

function versionAtLeast(actual: string, wanted: string): boolean {
  const a = actual.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const b = wanted.split(".").map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

/**
 * Would this revision apply on this host, judged from its facts alone: are the
 * interfaces there, is the kernel (and iproute2) new enough for every kind used, and are
 * the modules loaded. `tc.dry-run` on the host answers for certain.
 */
export function preflight(
  spec: PolicySpec,
  features: RequiredFeatures,
  facts: HostFacts | null,
): PreflightVerdict {
  if (!facts)
    return { ok: false, problems: ["the agent has not reported facts yet"], warnings: [] };
  const problems: string[] = [];
  const warnings: string[] = [];
  const nics = facts.nics.map((n) => n.name);
  for (const rule of spec.rules) {
    for (const pattern of rule.interfaces) {
      if (!nics.some((name) => globToRegExp(pattern).test(name)))
        problems.push(`no interface matches ${pattern} (host has ${nics.join(", ") || "none"})`);
    }
  }
  const kinds = [
    ...features.qdiscs,
    ...features.classifiers,
    ...features.actions,
    ...(features.ifb ? ["ifb"] : []),
  ];
  for (const kind of kinds) {
    const kernel = MIN_KERNEL[kind];
    if (kernel && !versionAtLeast(facts.kernelRelease, kernel))
      problems.push(`${kind} needs kernel ${kernel} or newer (host runs ${facts.kernelRelease})`);
    const iproute2 = MIN_IPROUTE2[kind];
    if (iproute2 && facts.iproute2Version && !versionAtLeast(facts.iproute2Version, iproute2)) {
      problems.push(
        `${kind} needs iproute2 ${iproute2} or newer (host has ${facts.iproute2Version})`,
      );
    }
  }
  if (!facts.iproute2Version) problems.push("tc (iproute2) is not installed");
  const loaded = new Set(facts.modules.map((m) => m.name));
  // A kernel with no loadable modules at all builds everything in; nothing to look for.
  if (loaded.size > 0) {
    for (const module of features.modules)
      if (!loaded.has(module))
        warnings.push(`${module} is not loaded (it loads on demand if the kernel has it)`);
  }
  return { ok: problems.length === 0, problems, warnings };
}
