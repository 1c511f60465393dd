import { z } from "zod";

export const CRASH_SOURCES = ["kdump", "pstore", "journal", "kmsg"] as const;

/** `POST /api/agent/v1/crashes`: one collected kernel log (it may hold several reports). */
export const crashUploadSchema = z.object({
  v: z.literal(1),
  source: z.enum(CRASH_SOURCES),
  /** The boot that crashed (not the current one, for kdump, pstore and journal -b -1). */
  bootId: z.string().min(1).max(64),
  /** Unix ms: when the agent found it. */
  collectedAt: z.number().int(),
  kernel: z.string().max(128).nullable().default(null),
  /** The tc policy revision applied in the boot that crashed (policy-at-crash attribution). */
  appliedRevisionId: z.uuid().nullable().default(null),
  /** Where it was found, for people (never used as a path on the server). */
  origin: z.string().max(512).nullable().default(null),
  text: z.string().max(4 * 1024 * 1024),
  /** A vmcore lies next to it on the host; its size, so people know what a fetch costs. */
  vmcoreBytes: z.number().int().nullable().default(null),
});

export const crashUploadResponseSchema = z.object({
  crashIds: z.array(z.uuid()),
  duplicates: z.number().int(),
  /** The organization wants the vmcore now: upload it for this crash. */
  uploadVmcore: z.boolean(),
});

export type CrashUpload = z.infer<typeof crashUploadSchema>;
export type CrashUploadResponse = z.infer<typeof crashUploadResponseSchema>;

/**
 * Resumable uploads (vmcores): `POST /api/agent/v1/uploads` creates one; chunks go to
 * `PUT /api/agent/v1/uploads/<id>?offset=N` with their SHA-256 in `x-fleetdeck-chunk-sha256`
 * (409 with the server's offset when N is not it, 413 past the size limit);
 * `GET /api/agent/v1/uploads/<id>` tells the offset to resume from.
 */
export const uploadCreateSchema = z.object({
  v: z.literal(1),
  purpose: z.literal("vmcore"),
  crashId: z.uuid(),
  length: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const uploadStateSchema = z.object({
  uploadId: z.uuid(),
  offset: z.number().int(),
  length: z.number().int(),
  complete: z.boolean(),
  /** The chunk size the server prefers. */
  chunkBytes: z.number().int(),
});

export const CHUNK_SHA256_HEADER = "x-fleetdeck-chunk-sha256";

export type UploadCreate = z.infer<typeof uploadCreateSchema>;
export type UploadState = z.infer<typeof uploadStateSchema>;
