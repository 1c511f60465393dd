import path from "node:path";
import { z } from "zod";

const boolFlag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

/**
 * Every setting the server reads, parsed once. README.md and .env.example document
 * each; anything reading process.env elsewhere is a bug.
 */
export const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  FLEETDECK_PUBLIC_URL: z.url().optional(),
  FLEETDECK_DATA_DIR: z.string().min(1).optional(),
  FLEETDECK_ENCRYPTION_KEYS: z.string().min(1).optional(),
  FLEETDECK_COMMAND_SIGNING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, "an Ed25519 seed, 43 base64url characters")
    .optional(),
  FLEETDECK_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  FLEETDECK_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(64 * 1024 ** 3),
  FLEETDECK_DEMO: boolFlag.optional(),
  FLEETDECK_DEMO_AGENTS: boolFlag.default(true),
  FLEETDECK_DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  FLEETDECK_TRUST_PROXY: boolFlag.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ServerEnv = z.infer<typeof envSchema> & { dataDir: string; publicUrl: string };

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: NodeJS.ProcessEnv, repoRoot: string): ServerEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnvError(`${issue?.path.join(".")}: ${issue?.message}`);
  }
  const env = parsed.data;
  return {
    ...env,
    dataDir: path.resolve(repoRoot, env.FLEETDECK_DATA_DIR ?? ".fleetdeck"),
    publicUrl: (env.FLEETDECK_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}
