import type { z } from "zod";
import { interfaceNameProblem } from "../names";
import type { Issue } from "./issue";

type Node = Record<string, unknown> | unknown[] | undefined;

function child(node: Node, key: PropertyKey): Node {
  if (node === undefined || typeof key === "symbol") return undefined;
  const value = Array.isArray(node) ? node[Number(key)] : node[String(key)];
  return typeof value === "object" && value !== null ? (value as Node) : undefined;
}

function ruleLabel(rule: Node, index: number): string {
  const names = !Array.isArray(rule) ? rule?.interfaces : undefined;
  const usable = (n: unknown) => typeof n === "string" && !interfaceNameProblem(n, true);
  // A broken name is reported in the message; the path stays readable.
  if (Array.isArray(names) && names.length > 0 && names.every(usable)) {
    return names.join(",");
  }
  return `rule ${index + 1}`;
}

/**
 * Turns zod's ["rules", 0, "egress", "classes", 1, "ceil"] into the same words the
 * semantic checks use ("eth0 egress class 1:20 ceil"), reading labels from the raw
 * input since it did not parse.
 */
export function describeZodPath(raw: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: Node = typeof raw === "object" && raw !== null ? (raw as Node) : undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (key === undefined) break;
    if (typeof next === "number" && typeof key === "string") {
      const item = child(child(node, key), next);
      const label = itemLabel(key, next, item);
      if (label !== undefined) {
        parts.push(label);
        node = item;
        i++;
        continue;
      }
    }
    if (typeof key === "number") {
      const last = parts.pop() ?? "";
      parts.push(`${last}[${key}]`);
    } else {
      parts.push(String(key));
    }
    node = child(node, key);
  }
  return parts.join(" ");
}

function itemLabel(list: string, index: number, item: Node): string | undefined {
  const id = !Array.isArray(item) ? item?.id : undefined;
  switch (list) {
    case "rules":
      return ruleLabel(item, index);
    case "classes":
    case "children":
      return typeof id === "string" ? `class ${id}` : `${list}[${index}]`;
    case "filters":
      return `filter ${index + 1}`;
    case "actions":
      return `action ${index + 1}`;
    default:
      return undefined;
  }
}

export function zodIssues(raw: unknown, error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: describeZodPath(raw, issue.path),
    message: issue.message,
  }));
}
