import { z } from "zod";
import { formatClassId, formatHandle, INGRESS_MAJOR, parseClassId, parseHandle } from "../handles";
import { parseCidr } from "../ip";
import { interfaceNameProblem } from "../names";
import { parsePercent, parseRate, parseSize, parseTime, UnitError } from "../units";

/**
 * Unit-bearing fields accept either a tc-style string ("100mbit", "64kb", "20ms")
 * or a plain number already in the base unit (bits/s, bytes, µs). The parsed spec
 * always holds the integer, so stored revisions compare exactly.
 */
function unitSchema(parse: (text: string) => number, base: string, min: number) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    if (typeof value === "number") {
      if (Number.isSafeInteger(value) && value >= min) return value;
      ctx.addIssue({ code: "custom", message: `${value} is not a whole number of ${base}` });
      return z.NEVER;
    }
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });
}

export const rateSchema = unitSchema(parseRate, "bits per second, at least 8", 8);
export const sizeSchema = unitSchema(parseSize, "bytes above zero", 1);
export const timeSchema = unitSchema(parseTime, "microseconds", 0);

export const percentSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === "number") {
    if (value >= 0 && value <= 100) return value;
    ctx.addIssue({ code: "custom", message: `${value}% is not between 0 and 100` });
    return z.NEVER;
  }
  try {
    return parsePercent(value);
  } catch (error) {
    if (!(error instanceof UnitError)) throw error;
    ctx.addIssue({ code: "custom", message: error.message });
    return z.NEVER;
  }
});

/** An integer field with a plain-words range message ("dscp 64 is not ... 0 and 63"). */
export function intInRange(min: number, max: number, what: string) {
  return z.number().superRefine((value, ctx) => {
    if (Number.isInteger(value) && value >= min && value <= max) return;
    ctx.addIssue({
      code: "custom",
      message: `${what} ${value} is not a whole number between ${min} and ${max}`,
    });
  });
}

/**
 * For discriminated unions: "unknown qdisc kind "hfsc"; use one of htb, tbf, ..."
 * instead of zod's generic discriminator message.
 */
export function unknownKind(what: string, kinds: readonly string[]) {
  return {
    error: (issue: { code?: string; input?: unknown }) => {
      if (issue.code !== "invalid_union") return undefined;
      const input = issue.input;
      const kind =
        typeof input === "object" && input !== null && "kind" in input ? input.kind : undefined;
      const shown = kind === undefined ? "missing" : JSON.stringify(kind);
      return `${what} kind ${shown} is not one of ${kinds.join(", ")}`;
    },
  };
}

export const countSchema = intInRange(1, 0xffff_ffff, "count");

export const handleSchema = z.string().transform((text, ctx) => {
  const major = parseHandle(text);
  if (major === undefined || major === 0) {
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is not a qdisc handle in tc's hex syntax (e.g. 1:)`,
    });
    return z.NEVER;
  }
  if (major === INGRESS_MAJOR) {
    ctx.addIssue({ code: "custom", message: `handle ffff: is reserved for the ingress qdisc` });
    return z.NEVER;
  }
  return formatHandle(major);
});

export const classIdSchema = z.string().transform((text, ctx) => {
  const id = parseClassId(text);
  if (!id || id.major === 0 || id.minor === 0) {
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is not a class id in tc's hex syntax (major:minor, e.g. 1:10)`,
    });
    return z.NEVER;
  }
  return formatClassId(id.major, id.minor);
});

function nameSchema(allowGlob: boolean) {
  return z.string().superRefine((name, ctx) => {
    const problem = interfaceNameProblem(name, allowGlob);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

export const interfaceNameSchema = nameSchema(false);
export const interfacePatternSchema = nameSchema(true);

export const cidrSchema = z.string().superRefine((text, ctx) => {
  if (!parseCidr(text)) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not an IPv4 or IPv6 prefix` });
  }
});

export const portSchema = intInRange(1, 65535, "port");
export const ipProtoSchema = z.union([
  z.enum(["tcp", "udp", "icmp", "icmpv6", "sctp"]),
  intInRange(0, 255, "IP protocol"),
]);
