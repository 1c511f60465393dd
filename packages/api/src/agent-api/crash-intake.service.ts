import type { Db } from "@fleetdeck/db";
import type { CrashUpload } from "@fleetdeck/protocol";
import type { BlobStore } from "../blobs/blob-store";
import { ingestCrashLog } from "../crashes/ingest.service";

/**
 * A crash log from an agent: filed under its groups; duplicates (a rescan, a replay) add
 * nothing and answer with the same ids. `uploadVmcore` asks for the dump when there is one.
 */
export async function receiveCrash(
  db: Db,
  blobs: BlobStore,
  host: { id: string; organizationId: string },
  upload: CrashUpload,
) {
  const result = await ingestCrashLog(db, blobs, {
    organizationId: host.organizationId,
    hostId: host.id,
    source: upload.source,
    bootId: upload.bootId,
    collectedAt: new Date(upload.collectedAt),
    text: upload.text,
    appliedRevisionId: upload.appliedRevisionId,
  });
  // The vmcore comes along when the organization collects them and none is stored yet.
  const first = result.crashIds[0];
  const wanted = first
    ? await db.prisma.crash.findFirst({
        where: { id: first, vmcoreBlob: null, organization: { collectVmcores: true } },
        select: { id: true },
      })
    : null;
  return {
    crashIds: result.crashIds,
    duplicates: result.duplicates,
    uploadVmcore: wanted !== null,
  };
}
