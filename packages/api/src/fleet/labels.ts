import { labelsSchema } from "@fleetdeck/protocol";
import { AppError } from "../errors";

export type Labels = Record<string, string>;

/**
 * Labels as people type them: `env=prod, site=fra1`. Keys and values follow the wire
 * rules (no spaces, commas or `=` in values), so a selector can always be written back.
 */
export function parseLabels(text: string): Labels {
  const labels: Labels = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new AppError("BAD_REQUEST", `“${part}” is not key=value.`);
    labels[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return validLabels(labels);
}

export function validLabels(labels: unknown): Labels {
  const parsed = labelsSchema.safeParse(labels);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "BAD_REQUEST",
      `Label ${issue?.path.join(".") || ""}: ${issue?.message ?? "invalid"}`.replace(
        "Label : ",
        "Label: ",
      ),
    );
  }
  if (Object.keys(parsed.data).length > 64)
    throw new AppError("BAD_REQUEST", "A host has at most 64 labels.");
  return parsed.data;
}

export function formatLabels(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}
