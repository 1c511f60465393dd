import { z } from "zod";
import {
  cidrSchema,
  classIdSchema,
  interfaceNameSchema,
  intInRange,
  ipProtoSchema,
  portSchema,
  rateSchema,
  sizeSchema,
  unknownKind,
} from "./primitives";

export const policeVerdicts = ["drop", "pass", "continue", "reclassify"] as const;

/** tc's default exceed verdict is "reclassify"; we default to drop and always emit both. */
export const policeActionSchema = z.strictObject({
  kind: z.literal("police"),
  rate: rateSchema,
  burst: sizeSchema,
  mtu: sizeSchema.optional(),
  conform: z.enum(policeVerdicts).default("pass"),
  exceed: z.enum(policeVerdicts).default("drop"),
});

export const mirredActionSchema = z.strictObject({
  kind: z.literal("mirred"),
  mode: z.enum(["redirect", "mirror"]).default("redirect"),
  direction: z.enum(["egress", "ingress"]).default("egress"),
  device: interfaceNameSchema,
});

export const actionSchema = z.discriminatedUnion(
  "kind",
  [policeActionSchema, mirredActionSchema],
  unknownKind("action", ["police", "mirred"]),
);

/** IP header fields shared by u32 and flower. DSCP and TOS both address the same byte. */
const ipMatch = {
  src: cidrSchema.optional(),
  dst: cidrSchema.optional(),
  ipProto: ipProtoSchema.optional(),
  sport: portSchema.optional(),
  dport: portSchema.optional(),
  dscp: intInRange(0, 63, "dscp").optional(),
  tos: intInRange(0, 255, "tos").optional(),
};

export const u32MatchSchema = z.strictObject(ipMatch);
export const flowerMatchSchema = z.strictObject({
  ...ipMatch,
  vlanId: intInRange(0, 4095, "vlanId").optional(),
  vlanPrio: intInRange(0, 7, "vlanPrio").optional(),
  vlanEthType: z.enum(["ip", "ipv6"]).optional(),
});

export const filterProtocols = ["ip", "ipv6", "all", "802.1q", "arp"] as const;

const common = {
  prio: intInRange(1, 65535, "prio").optional(),
  target: classIdSchema.optional(),
  actions: z.array(actionSchema).default([]),
};

export const u32FilterSchema = z.strictObject({
  kind: z.literal("u32"),
  protocol: z.enum(filterProtocols).default("ip"),
  match: u32MatchSchema.default({}),
  ...common,
});

export const flowerFilterSchema = z.strictObject({
  kind: z.literal("flower"),
  protocol: z.enum(filterProtocols).default("ip"),
  match: flowerMatchSchema.default({}),
  ...common,
});

export const fwFilterSchema = z.strictObject({
  kind: z.literal("fw"),
  protocol: z.enum(filterProtocols).default("all"),
  mark: intInRange(1, 0xffff_ffff, "mark"),
  mask: intInRange(1, 0xffff_ffff, "mask").optional(),
  ...common,
});

export const matchallFilterSchema = z.strictObject({
  kind: z.literal("matchall"),
  protocol: z.enum(filterProtocols).default("all"),
  ...common,
});

export const filterSchema = z.discriminatedUnion(
  "kind",
  [u32FilterSchema, flowerFilterSchema, fwFilterSchema, matchallFilterSchema],
  unknownKind("filter", ["u32", "flower", "fw", "matchall"]),
);

export type Filter = z.output<typeof filterSchema>;
export type FilterKind = Filter["kind"];
export type Action = z.output<typeof actionSchema>;
export type PoliceAction = z.output<typeof policeActionSchema>;
export type MirredAction = z.output<typeof mirredActionSchema>;
export type U32Match = z.output<typeof u32MatchSchema>;
export type FlowerMatch = z.output<typeof flowerMatchSchema>;
export type PoliceVerdict = (typeof policeVerdicts)[number];
