import type { HostFacts } from "@fleetdeck/protocol";
import { clip, readText } from "./read";

/** `KEY=value` lines, values optionally quoted (os-release(5)); comments and junk skipped. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const match = line.match(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (!match) continue;
    const [, key, value] = match as [string, string, string];
    out[key] = unquote(value);
  }
  return out;
}

function unquote(value: string): string {
  const quoted = value.match(/^(["'])(.*)\1$/);
  if (!quoted) return value;
  return (quoted[2] ?? "").replace(/\\(["'$`\\])/g, "$1");
}

export async function readOsRelease(path: string): Promise<Record<string, string>> {
  const text = await readText(path);
  return text === null ? {} : parseOsRelease(text);
}

export function osFacts(release: Record<string, string>): HostFacts["os"] {
  const pick = (key: string, max: number) => {
    const value = release[key];
    return value ? clip(value, max) : null;
  };
  return {
    id: pick("ID", 64),
    versionId: pick("VERSION_ID", 64),
    prettyName: pick("PRETTY_NAME", 256),
  };
}
