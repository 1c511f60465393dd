import { describe, expect, it } from "vitest";
import { all, isObject, parseTcJson, Repeated } from "./json";

describe("parseTcJson", () => {
  it("keeps every value of a repeated key, in order", () => {
    const v = parseTcJson('{"match":{"off":16},"match":{"off":20},"match":{"off":0}}');
    if (!isObject(v)) throw new Error("not an object");
    expect(v.match).toBeInstanceOf(Repeated);
    expect(all(v, "match")).toEqual([{ off: 16 }, { off: 20 }, { off: 0 }]);
  });

  it("reads what JSON.parse reads", () => {
    const text = '[{"a":1.5e3,"b":[true,false,null],"c":"x\\"y\\u00e9","d":{}},[]]';
    expect(parseTcJson(text)).toEqual(JSON.parse(text));
  });

  it("treats __proto__ as data", () => {
    const v = parseTcJson('{"__proto__":{"polluted":1}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(isObject(v) && all(v, "__proto__")).toEqual([{ polluted: 1 }]);
  });

  it("reads escapes, keeps many repeats in order, in one pass over a long listing", () => {
    expect(parseTcJson('["a\\"b\\u00e9\\n", "plain", -0.5, 1e3]')).toEqual([
      'a"bé\n',
      "plain",
      -0.5,
      1000,
    ]);
    const entry = (n: number) => `{"fh":"800::${n}","match":{"off":${n}},"match":{"off":${n + 1}}}`;
    const listing = `[${Array.from({ length: 2000 }, (_, n) => entry(n)).join(",")}]`;
    const list = parseTcJson(listing) as unknown[];
    expect(list).toHaveLength(2000);
    const last = list[1999];
    expect(isObject(last) && all(last, "match")).toEqual([{ off: 1999 }, { off: 2000 }]);
    const many = `{${Array.from({ length: 500 }, (_, n) => `"match":${n}`).join(",")}}`;
    const v = parseTcJson(many);
    expect(isObject(v) && all(v, "match")).toEqual(Array.from({ length: 500 }, (_, n) => n));
  });

  it.each(["[", '{"a" 1}', "[1,]x", '"open', "tc: command not found", "[01]", '["raw\nnewline"]'])(
    "rejects %j",
    (text) => {
      expect(() => parseTcJson(text)).toThrow();
    },
  );
});
