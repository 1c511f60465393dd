import { z } from "zod";
import { filterSchema } from "./filter";
import { leafQdiscSchema } from "./leaf";
import { classIdSchema, handleSchema, intInRange, rateSchema, sizeSchema } from "./primitives";

/**
 * An HTB class. A class with children is an inner class and cannot carry a leaf
 * qdisc; validation says so in words rather than letting the kernel ignore it.
 */
export const htbClassSchema = z.strictObject({
  id: classIdSchema,
  rate: rateSchema,
  ceil: rateSchema.optional(),
  burst: sizeSchema.optional(),
  cburst: sizeSchema.optional(),
  prio: intInRange(0, 7, "prio").optional(),
  quantum: sizeSchema.optional(),
  qdisc: leafQdiscSchema.optional(),
  get children() {
    return z.array(htbClassSchema).optional();
  },
});

export const htbSchema = z.strictObject({
  kind: z.literal("htb"),
  handle: handleSchema.optional(),
  defaultClass: classIdSchema.optional(),
  r2q: intInRange(1, 0xffff_ffff, "r2q").optional(),
  directQlen: intInRange(0, 0xffff_ffff, "directQlen").optional(),
  classes: z.array(htbClassSchema),
  filters: z.array(filterSchema).default([]),
});

export const prioSchema = z.strictObject({
  kind: z.literal("prio"),
  handle: handleSchema.optional(),
  bands: intInRange(2, 16, "bands").default(3),
  priomap: z
    .array(intInRange(0, 15, "priomap band"))
    .length(16)
    .optional(),
  children: z
    .array(z.strictObject({ band: intInRange(1, 16, "band"), qdisc: leafQdiscSchema }))
    .default([]),
  filters: z.array(filterSchema).default([]),
});

/** mq exposes one class per TX queue (1-based); each may get its own leaf. */
export const mqSchema = z.strictObject({
  kind: z.literal("mq"),
  handle: handleSchema.optional(),
  queues: z.array(
    z.strictObject({ queue: intInRange(1, 0xffff, "queue"), qdisc: leafQdiscSchema }),
  ),
});

export type HtbClass = z.output<typeof htbClassSchema>;
export type Htb = z.output<typeof htbSchema>;
export type Prio = z.output<typeof prioSchema>;
export type Mq = z.output<typeof mqSchema>;
