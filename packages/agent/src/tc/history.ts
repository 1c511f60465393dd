import { readFile } from "node:fs/promises";
import { historyLineSchema, type HistoryLine } from "./records";
import { tcPaths } from "./paths";

/** Every readable line of applied/history.jsonl, oldest first; a torn last line is skipped. */
export async function readHistory(stateDir: string): Promise<HistoryLine[]> {
  let text: string;
  try {
    text = await readFile(tcPaths(stateDir).history, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return text.split("\n").flatMap((line) => {
    if (line.trim() === "") return [];
    try {
      const parsed = historyLineSchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The revision in force at the end of boot `bootId` (the last history line of that
 * boot), or null when none was (nothing applied in that boot, or the last event put
 * back a non-Fleetdeck state). Crash reports use it: the policy active when a boot
 * crashed, not the one active now.
 */
export async function appliedRevisionForBoot(
  stateDir: string,
  bootId: string,
): Promise<string | null> {
  const lines = (await readHistory(stateDir)).filter((l) => l.bootId === bootId);
  return lines.at(-1)?.revisionId ?? null;
}
