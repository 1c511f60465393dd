import type { Db } from "@fleetdeck/db";
import type { CrashUpload } from "@fleetdeck/protocol";
import type { BlobStore } from "../blobs/blob-store";
import { ingestCrashLog } from "../crashes/ingest.service";

/** A crash log from an agent: filed under its groups; duplicates (a rescan) add nothing. */
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
  return { crashIds: result.crashIds, duplicates: result.duplicates, uploadVmcore: false };
}
