import { z } from "zod";
import { readJsonFile, writeJsonAtomic } from "../state/atomic";

const bootsFileSchema = z.object({
  v: z.literal(1),
  boots: z.array(z.object({ bootId: z.string().min(1), firstSeenAt: z.number().int() })),
});
export type BootsFile = z.infer<typeof bootsFileSchema>;

/** Years of daily reboots; only the last few matter for attribution. */
export const MAX_BOOTS = 1000;

/**
 * Every boot the agent ran in, oldest first (crash/boots.json). A dump found now was
 * written by the boot before this one, and only this list can name it: kdump and pstore
 * never record the boot id.
 */
export class BootLog {
  private constructor(
    private readonly boots: BootsFile["boots"],
    readonly current: string,
  ) {}

  /** Reads the list and appends the current boot when it is new. */
  static async open(path: string, current: string, now = Date.now()): Promise<BootLog> {
    const parsed = bootsFileSchema.safeParse(await readJsonFile(path).catch(() => null));
    const boots = parsed.success ? parsed.data.boots : [];
    if (current !== "" && !boots.some((b) => b.bootId === current)) {
      boots.push({ bootId: current, firstSeenAt: now });
      boots.splice(0, Math.max(0, boots.length - MAX_BOOTS));
      await writeJsonAtomic(path, { v: 1, boots } satisfies BootsFile);
    }
    return new BootLog(boots, current);
  }

  /** The boot the agent ran in before the current one; null on its first boot here. */
  previous(): string | null {
    const at = this.boots.findIndex((b) => b.bootId === this.current);
    if (at <= 0) return null;
    return this.boots[at - 1]?.bootId ?? null;
  }
}
