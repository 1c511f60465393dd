import { majorOf } from "../handles";
import { isObject, num, parseTcJson, str } from "./json";
import { parsePrintedRate, parsePrintedSize } from "./tc-text";
import type { ClassState } from "./types";

/** A top-level class reports "root"; we name its parent by the qdisc handle instead. */
function qdiscOf(classid: string): string {
  return `${(majorOf(classid) ?? 0).toString(16)}:`;
}

/**
 * iproute2 6.1 prints `tc -j class show` as plain text (its class printer ignores
 * -j); later versions print JSON with rates in bytes per second. Both are read.
 */
export function parseClasses(text: string): ClassState[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  return trimmed.startsWith("[") ? parseJsonClasses(trimmed) : parseTextClasses(trimmed);
}

function parseJsonClasses(text: string): ClassState[] {
  const list = parseTcJson(text);
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).flatMap((o) => {
    const classid = str(o, "handle");
    const kind = str(o, "class");
    if (!classid || !kind) return [];
    const bytes = (key: string) => {
      const v = num(o, key);
      return v === undefined ? undefined : v * 8;
    };
    const leaf = str(o, "leaf");
    return [
      {
        kind,
        classid,
        parent: o.root === true ? qdiscOf(classid) : (str(o, "parent") ?? qdiscOf(classid)),
        ...(leaf ? { leaf: leaf.endsWith(":") ? leaf : `${leaf}:` } : {}),
        rate: bytes("rate"),
        ceil: bytes("ceil"),
        burst: num(o, "burst"),
        cburst: num(o, "cburst"),
        prio: num(o, "prio"),
        quantum: num(o, "quantum"),
      },
    ];
  });
}

function parseTextClasses(text: string): ClassState[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("class "))
    .flatMap((line) => {
      const t = line.trim().split(/\s+/);
      const [, kind, classid] = t;
      if (!kind || !classid) return [];
      const c: ClassState = { kind, classid, parent: qdiscOf(classid) };
      for (let i = 3; i < t.length; i++) {
        const key = t[i];
        const v = t[i + 1] ?? "";
        if (key === "root") continue;
        if (key === "parent") c.parent = v;
        else if (key === "leaf") c.leaf = v;
        else if (key === "rate") c.rate = parsePrintedRate(v);
        else if (key === "ceil") c.ceil = parsePrintedRate(v);
        else if (key === "burst") c.burst = parsePrintedSize(v);
        else if (key === "cburst") c.cburst = parsePrintedSize(v);
        else if (key === "prio") c.prio = Number(v);
        else if (key === "quantum") c.quantum = Number(v);
        else continue;
        i++;
      }
      return [c];
    });
}
