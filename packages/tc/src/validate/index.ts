import { type PolicySpec, policySpecSchema } from "../model/policy";
import { Reporter, type ValidationReport } from "./issue";
import { checkRules } from "./rules";
import { zodIssues } from "./zod-issues";

export interface ValidationResult extends ValidationReport {
  /** The parsed spec (units as integers) when it has no errors. */
  spec?: PolicySpec;
}

/**
 * Shape first (zod), then meaning. Semantic checks only run on a spec that parsed,
 * so their messages can rely on defaults and integers being in place.
 */
export function validatePolicy(input: unknown): ValidationResult {
  const parsed = policySpecSchema.safeParse(input);
  if (!parsed.success) return { errors: zodIssues(input, parsed.error), warnings: [] };
  const r = new Reporter();
  checkRules(parsed.data, r);
  const { errors, warnings } = r;
  return errors.length > 0 ? { errors, warnings } : { errors, warnings, spec: parsed.data };
}
