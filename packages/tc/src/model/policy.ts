import { z } from "zod";
import { htbSchema, mqSchema, prioSchema } from "./classful";
import { filterSchema } from "./filter";
import {
  bfifoSchema,
  cakeSchema,
  fqCodelSchema,
  fqSchema,
  netemSchema,
  pfifoSchema,
  sfqSchema,
  tbfSchema,
} from "./leaf";
import { interfaceNameSchema, interfacePatternSchema, unknownKind } from "./primitives";

export const POLICY_SPEC_VERSION = 1;

export const egressKinds = [
  "htb",
  "prio",
  "mq",
  "tbf",
  "netem",
  "fq_codel",
  "cake",
  "sfq",
  "fq",
  "pfifo",
  "bfifo",
] as const;

export const egressSchema = z.discriminatedUnion(
  "kind",
  [
    htbSchema,
    prioSchema,
    mqSchema,
    tbfSchema,
    netemSchema,
    fqCodelSchema,
    cakeSchema,
    sfqSchema,
    fqSchema,
    pfifoSchema,
    bfifoSchema,
  ],
  unknownKind("qdisc", egressKinds),
);

/**
 * Ingress has no queue, so it can only police or steer. Shaping ingress means
 * redirecting it to an IFB device and shaping that device's egress; when `ifb` is
 * set and no filters are given, the compiler adds the usual redirect-everything
 * filter.
 */
export const ingressSchema = z.strictObject({
  qdisc: z.enum(["ingress", "clsact"]).default("ingress"),
  filters: z.array(filterSchema).default([]),
  ifb: z.strictObject({ device: interfaceNameSchema, egress: egressSchema }).optional(),
});

export const interfaceRuleSchema = z.strictObject({
  interfaces: z.array(interfacePatternSchema).min(1, "list at least one interface"),
  egress: egressSchema.optional(),
  ingress: ingressSchema.optional(),
});

export const policySpecSchema = z.strictObject({
  version: z.literal(POLICY_SPEC_VERSION, {
    error: `version must be ${POLICY_SPEC_VERSION}`,
  }),
  rules: z.array(interfaceRuleSchema).min(1, "a policy needs at least one interface rule"),
});

export type PolicySpec = z.output<typeof policySpecSchema>;
export type PolicySpecInput = z.input<typeof policySpecSchema>;
export type InterfaceRule = z.output<typeof interfaceRuleSchema>;
export type Egress = z.output<typeof egressSchema>;
export type EgressKind = Egress["kind"];
export type Ingress = z.output<typeof ingressSchema>;
