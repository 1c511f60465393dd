import { z } from "zod";

const listBootsSchema = z.array(
  z.object({ index: z.number().int(), boot_id: z.string().regex(/^[0-9a-f]{32}$/) }),
);
/** `journalctl --list-boots` without JSON (systemd before 251): ` -1 <32 hex> <dates>`. */
const TABLE_ROW = /^\s*(-?\d+)\s+([0-9a-f]{32})\s/;

/**
 * The boot before the current one, when the journal keeps two or more (it persists).
 * Journal ids are 32 hex digits; /proc's boot_id, heartbeats and boots.json use the
 * dashed form of the same UUID, so it is dashed here too.
 */
export function previousJournalBoot(stdout: string): string | null {
  const boots = parseBoots(stdout);
  if (boots.length < 2) return null;
  const previous = boots.find((b) => b.index === -1);
  return previous ? dashed(previous.id) : null;
}

function parseBoots(stdout: string): { index: number; id: string }[] {
  const json = listBootsSchema.safeParse(tryJson(stdout));
  if (json.success) return json.data.map((b) => ({ index: b.index, id: b.boot_id }));
  return stdout.split("\n").flatMap((line) => {
    const m = line.match(TABLE_ROW);
    return m?.[2] ? [{ index: Number(m[1]), id: m[2] }] : [];
  });
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
