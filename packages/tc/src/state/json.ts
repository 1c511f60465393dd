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

// Sticky (`y`) patterns match at lastIndex only: each value is read where it stands,
// without copying the rest of the text (a slice per value made parsing quadratic).
const STRING = /"(?:[^"\\]|\\.)*"/y;
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Space, tab, newline, carriage return: what JSON allows between tokens. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export function parseTcJson(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new TcJsonError(`${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  };
  const match = (re: RegExp): string | null => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return null;
    i = re.lastIndex;
    return m[0];
  };
  const value = (): unknown => {
    ws();
    const ch = text[i];
    if (ch === "{") return object();
    if (ch === "[") return array();
    if (ch === '"') return string();
    const m = match(SCALAR);
    if (m === null) return fail("unexpected token");
    if (m === "true") return true;
    if (m === "false") return false;
    if (m === "null") return null;
    return Number(m);
  };
  const string = (): string => {
    if (text[i] !== '"') return fail("expected a string");
    // Up to the closing quote; a backslash or a control character (which JSON forbids
    // raw) sends the string to JSON.parse instead.
    for (let j = i + 1; j < text.length; j++) {
      const code = text.charCodeAt(j);
      if (code === 0x22) {
        const plain = text.slice(i + 1, j);
        i = j + 1;
        return plain;
      }
      if (code === 0x5c || code < 0x20) break;
    }
    const m = match(STRING);
    if (m === null) return fail("unterminated string");
    return JSON.parse(m) as string;
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
    // A plain object (V8 shares its shape between entries printed alike); a key named
    // "__proto__" is defined as an own property, so it stays data.
    const out: JsonObject = {};
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
        if (!Object.hasOwn(out, key)) {
          if (key === "__proto__")
            Object.defineProperty(out, key, {
              value: v,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          else out[key] = v;
        } else {
          const prev = out[key];
          if (prev instanceof Repeated) prev.values.push(v);
          else out[key] = new Repeated([prev, v]);
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
