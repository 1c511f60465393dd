import { z } from "zod";
import { hostFactsSchema } from "./facts";
import { publicKeySchema } from "./keys";

export const labelsSchema = z.record(
  z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9._/-]{0,62}[a-z0-9])?$/,
      "label keys are lower-case letters, digits, . _ / -",
    ),
  z
    .string()
    .max(128)
    .regex(/^[^\s,=]*$/, "label values have no spaces, commas or ="),
);

export const enrollRequestSchema = z.object({
  version: z.literal(1),
  /** The enrollment token an admin created (shown once in the dashboard). */
  token: z.string().min(20).max(200),
  /** The host's own Ed25519 key; the private half never leaves the host. */
  publicKey: publicKeySchema,
  machineId: z.string().min(8).max(64),
  facts: hostFactsSchema,
  /** Extra labels from `enroll --labels`; the token's labels win on a conflict. */
  labels: labelsSchema.default({}),
});

export const enrollResponseSchema = z.object({
  version: z.literal(1),
  hostId: z.uuid(),
  /** The key every command is signed with; the agent pins it and trusts nothing else. */
  serverPublicKey: publicKeySchema,
  heartbeatIntervalSeconds: z.number().int().min(1),
  labels: labelsSchema,
  /** Set when another host already enrolled with this machine-id: flagged, never merged. */
  possibleCloneOf: z.uuid().nullable(),
});

export type EnrollRequest = z.infer<typeof enrollRequestSchema>;
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;
export type Labels = z.infer<typeof labelsSchema>;
