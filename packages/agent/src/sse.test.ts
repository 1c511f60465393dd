import { describe, expect, test } from "vitest";
import { SseParser } from "./sse";

const stream = [
  ": connected\n",
  "event: hello\n",
  'data: {"serverTime":1}\n',
  "\n",
  ": keepalive\n\n",
  "event: command\n",
  "data: line one\n",
  "data: line two\n",
  "id: 7\n",
  "\n",
].join("");

const expected = [
  { event: "hello", data: '{"serverTime":1}', id: null },
  { event: "command", data: "line one\nline two", id: "7" },
];

describe("SSE parser", () => {
  test("parses events, multi-line data and ignores comments", () => {
    expect(new SseParser().push(stream)).toEqual(expected);
  });

  test("gives the same events however the stream is split", () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut))];
      expect(events, `split at ${cut}`).toEqual(expected);
    }
  });

  test("accepts CRLF and CR line ends, even split between chunks", () => {
    const crlf = stream.replaceAll("\n", "\r\n");
    for (let cut = 1; cut < crlf.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(crlf.slice(0, cut)), ...parser.push(crlf.slice(cut))];
      expect(events, `split at ${cut}`).toEqual(expected);
    }
    expect(new SseParser().push(stream.replaceAll("\n", "\r"))).toEqual(expected);
  });

  test("one byte at a time, with a BOM and a multi-byte character", () => {
    const bytes = new TextEncoder().encode(`\uFEFFevent: x\ndata: Grüße ✓\n\n`);
    const parser = new SseParser();
    const events = [...bytes].flatMap((b) => parser.pushBytes(Uint8Array.of(b)));
    expect(events).toEqual([{ event: "x", data: "Grüße ✓", id: null }]);
  });

  test("fields: no space after the colon, no colon, unknown fields, empty data", () => {
    const parser = new SseParser();
    expect(parser.push("data:a\ndata\nretry: 5\nfoo: bar\n\n")).toEqual([
      { event: "message", data: "a\n", id: null },
    ]);
    expect(parser.push("event: only-a-name\n\n")).toEqual([]);
  });

  test("an endless line is refused", () => {
    const parser = new SseParser();
    expect(() => parser.push("x".repeat(5 * 1024 * 1024))).toThrow(/too long/);
  });
});
