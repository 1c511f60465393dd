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

  it.each(["[", '{"a" 1}', "[1,]x", '"open', "tc: command not found"])("rejects %j", (text) => {
    expect(() => parseTcJson(text)).toThrow();
  });
});
