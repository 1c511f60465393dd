import type { UploadJob } from "../upload";
import { collectKdump } from "./collectors/kdump";
import { attribute, type IntakeDeps } from "./intake";

export interface VmcoreQuery {
  crashId: string;
  bootId: string;
  source: string;
}

export class NoVmcoreError extends Error {}

/**
 * The vmcore of the crash the server names: the dump whose report it accepted under that
 * crash id, else the dump of that boot (attributed exactly as its report was, so the same
 * dump gets the same boot id), the newest with a vmcore. Only kdump writes vmcores.
 */
export async function findVmcore(
  deps: Pick<IntakeDeps, "boots" | "seen" | "queue">,
  kdumpDir: string,
  query: VmcoreQuery,
): Promise<UploadJob> {
  if (query.source !== "kdump")
    throw new NoVmcoreError(
      `no vmcore: only kdump writes one, this crash came from ${query.source}`,
    );
  const dumps = (await collectKdump(kdumpDir)).map((found) => ({
    found,
    ...attribute(deps, found),
  }));
  const named = dumps.find((d) => deps.seen.crashIdsOf(d.key).includes(query.crashId));
  const ofBoot = dumps.filter((d) => d.bootId === query.bootId);
  const match = named ?? ofBoot.filter((d) => d.found.vmcore).at(-1) ?? ofBoot.at(-1);
  if (!match) {
    const boots = dumps.map((d) => d.bootId).join(", ") || "none";
    throw new NoVmcoreError(
      `no kdump dump of boot ${query.bootId} in ${kdumpDir} (dumps there belong to: ${boots})`,
    );
  }
  if (!match.found.vmcore)
    throw new NoVmcoreError(
      `the kdump dump of boot ${query.bootId} has no vmcore (${match.origin})`,
    );
  return { key: match.key, crashId: query.crashId, path: match.found.vmcore.path };
}
