import { describe, expect, it } from "vitest";
import { parseTaintAndRelease, TAINT_FLAGS } from "./taint";

describe("parseTaintAndRelease", () => {
  it("reads letters spread over the fixed-width taint string", () => {
    const parsed = parseTaintAndRelease(
      "sh Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2",
    );
    expect(parsed?.release).toBe("6.1.0-56-amd64");
    expect(parsed?.taint.letters).toBe("GOE");
    expect(parsed?.taint.flags.map((f) => f.meaning)).toEqual([
      TAINT_FLAGS.G?.meaning,
      TAINT_FLAGS.O?.meaning,
      TAINT_FLAGS.E?.meaning,
    ]);
  });

  it("reads an untainted kernel", () => {
    expect(parseTaintAndRelease("Not tainted 5.10.0-26-amd64 #1 Debian 5.10.197-1")).toEqual({
      taint: { letters: "", flags: [] },
      release: "5.10.0-26-amd64",
    });
  });

  it("leaves RHEL's own flags after the dashes out", () => {
    const parsed = parseTaintAndRelease("Tainted: G OE ------------ T 3.10.0-1160.el7.x86_64 #1");
    expect(parsed).toMatchObject({ taint: { letters: "GOE" }, release: "3.10.0-1160.el7.x86_64" });
  });

  it("knows every documented letter", () => {
    expect(Object.keys(TAINT_FLAGS).sort().join("")).toBe("ABCDEFGIJKLMNOPRSTUWX");
  });
});
