import { labelsSchema, publicKeySchema } from "@fleetdeck/protocol";
import { z } from "zod";
import { readJsonFile, writeJsonAtomic } from "./atomic";
import type { StatePaths } from "./paths";

export const keysFileSchema = z.object({
  v: z.literal(1),
  publicKey: publicKeySchema,
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export const enrollmentFileSchema = z.object({
  v: z.literal(1),
  hostId: z.uuid(),
  serverUrl: z.url(),
  /** Pinned at enrollment: the only key whose command signatures are accepted. */
  serverPublicKey: publicKeySchema,
  heartbeatIntervalSeconds: z.number().int().min(1),
  labels: labelsSchema,
  possibleCloneOf: z.uuid().nullable(),
  enrolledAt: z.number().int(),
});

export type KeysFile = z.infer<typeof keysFileSchema>;
export type EnrollmentFile = z.infer<typeof enrollmentFileSchema>;

export interface Identity {
  keys: KeysFile;
  enrollment: EnrollmentFile;
}

async function readParsed<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  const raw = await readJsonFile(path);
  if (raw === null) return null;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${path} is damaged: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export const readEnrollment = (paths: StatePaths) =>
  readParsed(paths.enrollment, enrollmentFileSchema);

export const readKeys = (paths: StatePaths) => readParsed(paths.keys, keysFileSchema);

/** Keys first, enrollment last: enrollment.json is the "enrolled" marker. */
export async function writeIdentity(paths: StatePaths, identity: Identity): Promise<void> {
  await writeJsonAtomic(paths.keys, identity.keys, { mode: 0o600 });
  await writeJsonAtomic(paths.enrollment, identity.enrollment);
}

/** Both files, or null when the host is not enrolled. */
export async function readIdentity(paths: StatePaths): Promise<Identity | null> {
  const enrollment = await readEnrollment(paths);
  if (!enrollment) return null;
  const keys = await readKeys(paths);
  if (!keys) throw new Error(`${paths.keys} is missing although the host is enrolled`);
  return { keys, enrollment };
}
