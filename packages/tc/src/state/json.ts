/**
 * iproute2's JSON writer repeats keys inside one object: a u32 filter prints one
 * "match" per key and police prints "control_action" twice (exceed, conform).
 * JSON.parse keeps only the last, so this small parser keeps them all: a repeated
 * key holds a Repeated with every value in order.
 */
export class Repeated {
  constructor(readonly values: unknown[]) {}
}

export type JsonObject = Record<string, unknown>;

export class TcJsonError extends Error {
  override name = "TcJsonError";
}

export function parseTcJson(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new TcJsonError(`${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  };
  const value = (): unknown => {
    ws();
    const ch = text[i];
    if (ch === "{") return object();
    if (ch === "[") return array();
    if (ch === '"') return string();
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 40));
    if (!m) return fail("unexpected token");
    i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  };
  const string = (): string => {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i));
    if (!m) return fail("unterminated string");
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const array = (): unknown[] => {
    const out: unknown[] = [];
    i++;
    ws();
    if (text[i] !== "]") {
      for (;;) {
        out.push(value());
        ws();
        if (text[i] !== ",") break;
        i++;
      }
    }
    if (text[i] !== "]") fail("expected , or ]");
    i++;
    return out;
  };
  const object = (): JsonObject => {
    // No prototype, so a key named "__proto__" is just data.
    const out: JsonObject = Object.create(null) as JsonObject;
    i++;
    ws();
    if (text[i] !== "}") {
      for (;;) {
        ws();
        const key = string();
        ws();
        if (text[i] !== ":") fail("expected :");
        i++;
        const v = value();
        if (!(key in out)) out[key] = v;
        else {
          const prev = out[key];
          out[key] = new Repeated(prev instanceof Repeated ? [...prev.values, v] : [prev, v]);
        }
        ws();
        if (text[i] !== ",") break;
        i++;
      }
    }
    if (text[i] !== "}") fail("expected , or }");
    i++;
    return out;
  };
  const result = value();
  ws();
  if (i < text.length) fail("trailing text");
  return result;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Repeated);
}

/** Every value of `key`, whether it appeared once or repeated. */
export function all(obj: JsonObject, key: string): unknown[] {
  const v = obj[key];
  if (v === undefined) return [];
  return v instanceof Repeated ? v.values : [v];
}

export function num(obj: JsonObject, key: string): number | undefined {
  const v = obj[key];
  return typeof v === "number" ? v : undefined;
}

export function str(obj: JsonObject, key: string): string | undefined {
  const v = obj[key];
  return typeof v === "string" ? v : undefined;
}

export function obj(o: JsonObject, key: string): JsonObject | undefined {
  const v = o[key];
  return isObject(v) ? v : undefined;
}
