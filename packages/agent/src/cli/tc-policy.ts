import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { canonicalJson } from "@fleetdeck/protocol";
import { validatePolicy } from "@fleetdeck/tc";
import { CliError, EXIT_USAGE } from "./types";

export interface PolicyFile {
  spec: unknown;
  /** From the file (`{"interfaces": [...], "spec": {...}}`, the golden layout), if any. */
  interfaces: string[] | null;
  name: string;
}

/** A bare spec, or an object with `spec` (and maybe `interfaces`, `name`). */
export async function readPolicyFile(path: string | undefined): Promise<PolicyFile> {
  if (!path) throw new CliError("a POLICY.json file is needed", EXIT_USAGE);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const o = (value ?? {}) as { spec?: unknown; interfaces?: unknown; name?: unknown };
  const wrapped = typeof value === "object" && value !== null && "spec" in o;
  const interfaces =
    wrapped && Array.isArray(o.interfaces) && o.interfaces.every((i) => typeof i === "string")
      ? (o.interfaces as string[])
      : null;
  const name = wrapped && typeof o.name === "string" ? o.name : basename(path, ".json");
  return { spec: wrapped ? o.spec : value, interfaces, name };
}

/** What the server would send as `hash`: SHA-256 of the canonical validated spec. */
export function specHash(spec: unknown): string {
  const validated = validatePolicy(spec).spec ?? spec;
  return createHash("sha256").update(canonicalJson(validated)).digest("hex");
}
