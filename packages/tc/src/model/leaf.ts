import { z } from "zod";
import {
  countSchema,
  unknownKind,
  handleSchema,
  intInRange,
  percentSchema,
  rateSchema,
  sizeSchema,
  timeSchema,
} from "./primitives";

/** Classless qdiscs: usable as the root, as an HTB leaf, or under mq/prio. */
const handle = { handle: handleSchema.optional() };

export const tbfSchema = z.strictObject({
  kind: z.literal("tbf"),
  ...handle,
  rate: rateSchema,
  burst: sizeSchema,
  latency: timeSchema.optional(),
  limit: sizeSchema.optional(),
  peakrate: rateSchema.optional(),
  mtu: sizeSchema.optional(),
});

export const netemDistributions = ["uniform", "normal", "pareto", "paretonormal"] as const;

export const netemSchema = z.strictObject({
  kind: z.literal("netem"),
  ...handle,
  delay: timeSchema.optional(),
  jitter: timeSchema.optional(),
  distribution: z.enum(netemDistributions).optional(),
  loss: percentSchema.optional(),
  duplicate: percentSchema.optional(),
  reorder: percentSchema.optional(),
  corrupt: percentSchema.optional(),
  rate: rateSchema.optional(),
  limit: countSchema.optional(),
});

export const fqCodelSchema = z.strictObject({
  kind: z.literal("fq_codel"),
  ...handle,
  limit: countSchema.optional(),
  flows: intInRange(1, 65536, "flows").optional(),
  target: timeSchema.optional(),
  interval: timeSchema.optional(),
  quantum: sizeSchema.optional(),
  ecn: z.boolean().optional(),
});

export const cakeRttPresets = [
  "datacentre",
  "lan",
  "metro",
  "regional",
  "internet",
  "oceanic",
  "satellite",
  "interplanetary",
] as const;
export const cakeDiffservModes = [
  "besteffort",
  "diffserv3",
  "diffserv4",
  "diffserv8",
  "precedence",
] as const;
export const cakeFlowModes = [
  "flowblind",
  "srchost",
  "dsthost",
  "hosts",
  "flows",
  "dual-srchost",
  "dual-dsthost",
  "triple-isolate",
] as const;

export const cakeSchema = z.strictObject({
  kind: z.literal("cake"),
  ...handle,
  bandwidth: z.union([rateSchema, z.literal("unlimited")]).optional(),
  rtt: z.enum(cakeRttPresets).optional(),
  diffserv: z.enum(cakeDiffservModes).optional(),
  flowMode: z.enum(cakeFlowModes).optional(),
  nat: z.boolean().optional(),
  wash: z.boolean().optional(),
  ackFilter: z.enum(["off", "on", "aggressive"]).optional(),
  overhead: intInRange(-64, 256, "overhead").optional(),
  mpu: intInRange(0, 256, "mpu").optional(),
});

export const sfqSchema = z.strictObject({
  kind: z.literal("sfq"),
  ...handle,
  perturb: timeSchema.optional(),
  quantum: sizeSchema.optional(),
  limit: intInRange(2, 65535, "limit").optional(),
});

export const fqSchema = z.strictObject({
  kind: z.literal("fq"),
  ...handle,
  limit: countSchema.optional(),
  flowLimit: countSchema.optional(),
  quantum: sizeSchema.optional(),
  maxrate: rateSchema.optional(),
});

export const pfifoSchema = z.strictObject({
  kind: z.literal("pfifo"),
  ...handle,
  limit: countSchema.optional(),
});

export const bfifoSchema = z.strictObject({
  kind: z.literal("bfifo"),
  ...handle,
  limit: sizeSchema.optional(),
});

export const leafKinds = [
  "tbf",
  "netem",
  "fq_codel",
  "cake",
  "sfq",
  "fq",
  "pfifo",
  "bfifo",
] as const;

export const leafQdiscSchema = z.discriminatedUnion(
  "kind",
  [
    tbfSchema,
    netemSchema,
    fqCodelSchema,
    cakeSchema,
    sfqSchema,
    fqSchema,
    pfifoSchema,
    bfifoSchema,
  ],
  unknownKind("leaf qdisc", leafKinds),
);

export type LeafQdisc = z.output<typeof leafQdiscSchema>;
export type LeafKind = LeafQdisc["kind"];
export type Tbf = z.output<typeof tbfSchema>;
export type Netem = z.output<typeof netemSchema>;
export type Cake = z.output<typeof cakeSchema>;
