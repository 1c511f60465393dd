import { createHash } from "node:crypto";
import { canonicalJson } from "@fleetdeck/protocol";
import {
  compilePolicy,
  formatIssue,
  type PolicySpec,
  renderBatch,
  validatePolicy,
} from "@fleetdeck/tc";
import { AppError } from "../errors";

export interface PreparedRevision {
  spec: PolicySpec;
  hash: string;
  compiledBatch: string;
  features: unknown;
  warnings: string[];
}

/**
 * The interface names a spec's own rules imply, for the stored preview: exact names as
 * written, and one representative per glob (`eth*` → `eth0`). On a host the agent
 * resolves globs against its real interfaces.
 */
export function previewInterfaces(spec: PolicySpec): string[] {
  const names = new Set<string>();
  for (const rule of spec.rules) {
    for (const pattern of rule.interfaces)
      names.add(
        pattern.includes("*") || pattern.includes("?")
          ? pattern.replace(/[*?]/g, "0").replace(/\[.*?\]/g, "0")
          : pattern,
      );
  }
  return [...names];
}

export const specHash = (spec: PolicySpec) =>
  createHash("sha256").update(canonicalJson(spec)).digest("hex");

/** Validates, compiles and hashes a spec; refuses with every error at its path. */
export function prepareRevision(input: unknown): PreparedRevision {
  const validation = validatePolicy(input);
  if (!validation.spec || validation.errors.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      `The policy has ${validation.errors.length} error${validation.errors.length === 1 ? "" : "s"}: ${validation.errors.map(formatIssue).slice(0, 3).join("; ")}`,
      {
        issues: validation.errors,
      },
    );
  }
  const spec = validation.spec;
  const compiled = compilePolicy(spec, { interfaces: previewInterfaces(spec) });
  if (!compiled.ok)
    throw new AppError("BAD_REQUEST", compiled.errors.map(formatIssue).join("; "), {
      issues: compiled.errors,
    });
  return {
    spec,
    hash: specHash(spec),
    compiledBatch: renderBatch(compiled.plan.batch),
    features: compiled.plan.features,
    warnings: validation.warnings.map(formatIssue),
  };
}
