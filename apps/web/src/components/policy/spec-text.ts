import {
  compilePolicy,
  diffPolicies,
  formatIssue,
  type Issue,
  type PolicySpec,
  renderBatch,
  validatePolicy,
} from "@fleetdeck/tc";
import { parse as parseYaml, stringify as toYaml } from "yaml";

export type SpecFormat = "yaml" | "json";

export interface SpecCheck {
  /** The parsed document, when the text is well-formed. */
  document: unknown;
  /** The text is not JSON/YAML at all: the reason, with its line. */
  syntaxError: string | null;
  errors: Issue[];
  warnings: Issue[];
  spec: PolicySpec | null;
  /** The tc -batch for the interfaces the spec names (globs shown with a sample name). */
  batch: string | null;
}

export function parseText(text: string, format: SpecFormat): unknown {
  return format === "json" ? JSON.parse(text) : parseYaml(text);
}

export function formatDocument(document: unknown, format: SpecFormat): string {
  return format === "json"
    ? `${JSON.stringify(document, null, 2)}\n`
    : toYaml(document, { lineWidth: 0 });
}

function previewInterfaces(spec: PolicySpec): string[] {
  const names = new Set<string>();
  for (const rule of spec.rules)
    for (const p of rule.interfaces) names.add(p.replace(/[*?]/g, "0").replace(/\[.*?\]/g, "0"));
  return [...names];
}

/** Everything the editor shows about a text, computed in the browser as you type. */
export function checkSpecText(text: string, format: SpecFormat): SpecCheck {
  let document: unknown;
  try {
    document = parseText(text, format);
  } catch (error) {
    return {
      document: null,
      syntaxError:
        error instanceof Error ? (error.message.split("\n")[0] ?? "invalid") : String(error),
      errors: [],
      warnings: [],
      spec: null,
      batch: null,
    };
  }
  const validation = validatePolicy(document);
  if (!validation.spec || validation.errors.length > 0) {
    return {
      document,
      syntaxError: null,
      errors: validation.errors,
      warnings: validation.warnings,
      spec: null,
      batch: null,
    };
  }
  const compiled = compilePolicy(validation.spec, {
    interfaces: previewInterfaces(validation.spec),
  });
  if (!compiled.ok)
    return {
      document,
      syntaxError: null,
      errors: compiled.errors,
      warnings: validation.warnings,
      spec: null,
      batch: null,
    };
  return {
    document,
    syntaxError: null,
    errors: [],
    warnings: validation.warnings,
    spec: validation.spec,
    batch: renderBatch(compiled.plan.batch),
  };
}

export function describeChanges(before: PolicySpec | null, after: PolicySpec | null): string[] {
  if (!before || !after) return [];
  return diffPolicies(before, after);
}

export { formatIssue };
