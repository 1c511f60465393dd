import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { readJsonFile, writeJsonAtomic } from "../state/atomic";

/**
 * uploads/<crashKey>.json: the upload a restart resumes. The offset is not kept: the
 * server's is the truth, asked for on resume. Length, mtime and hash tie it to one file
 * state, so a file that changed starts a new upload instead of mixing two.
 */
export const uploadProgressSchema = z.object({
  v: z.literal(1),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  crashId: z.uuid(),
  uploadId: z.uuid(),
  path: z.string(),
  length: z.number().int(),
  mtimeMs: z.number(),
  sha256: z.string(),
  createdAt: z.number().int(),
  completedAt: z.number().int().nullable(),
});
export type UploadProgress = z.infer<typeof uploadProgressSchema>;

const fileOf = (dir: string, key: string) => join(dir, `${key}.json`);

export async function readProgress(dir: string, key: string): Promise<UploadProgress | null> {
  const parsed = uploadProgressSchema.safeParse(
    await readJsonFile(fileOf(dir, key)).catch(() => null),
  );
  return parsed.success ? parsed.data : null;
}

export async function writeProgress(dir: string, progress: UploadProgress): Promise<void> {
  await writeJsonAtomic(fileOf(dir, progress.key), progress, { mode: 0o600 });
}

export async function removeProgress(dir: string, key: string): Promise<void> {
  await rm(fileOf(dir, key), { force: true });
}

/** Uploads a restart should finish. */
export async function unfinishedUploads(dir: string): Promise<UploadProgress[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const all = await Promise.all(
    names.filter((n) => n.endsWith(".json")).map((n) => readProgress(dir, n.slice(0, -5))),
  );
  return all.filter((p): p is UploadProgress => p !== null && p.completedAt === null);
}
