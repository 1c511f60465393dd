import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliIo, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, run } from "./cli";
import { OWN_CORPUS, SHARED_CORPUS } from "./testing/fixtures";

function fakeIo(stdin = ""): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    readFile: (path) => readFileSync(path, "utf8"),
    readStdin: () => stdin,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
  };
}

const centos = resolve(SHARED_CORPUS, "centos7_nf_conntrack_3.10.log");
const journal = resolve(OWN_CORPUS, "journalctl_nf_conntrack_4.19.log");
const nocrash = resolve(SHARED_CORPUS, "nocrash_lkdtm_DOUBLE_FAULT_6.1.log");

describe("fleetdeck-crash", () => {
  it("parse prints one JSON line per input", () => {
    const io = fakeIo();
    expect(run(["parse", centos, nocrash], io)).toBe(EXIT_OK);
    const [first, second] = io.out.map((line) => JSON.parse(line));
    expect(first.file).toBe(centos);
    expect(first.crashes[0]).toMatchObject({
      kind: "null-deref",
      function: "nf_ct_deliver_cached_events",
      module: "nf_conntrack",
      kernel: "3.10.0-1160.el7.x86_64",
      taint: { letters: "GOE" },
      signature: { primary: "BUG: kernel NULL pointer dereference in nf_ct_deliver_cached_events" },
      corrupted: false,
    });
    expect(second).toEqual({ file: nocrash, crashes: [] });
  });

  it("reads stdin when given no file or `-`", () => {
    const io = fakeIo(readFileSync(centos, "utf8"));
    expect(run(["parse"], io)).toBe(EXIT_OK);
    expect(JSON.parse(io.out[0] ?? "{}").file).toBe("-");
  });

  it("group prints the groups the files form", () => {
    const io = fakeIo();
    expect(run(["group", centos, journal, nocrash], io)).toBe(EXIT_OK);
    expect(io.out.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        kind: "null-deref",
        why: "primary v1: kind=null-deref, function=nf_ct_deliver_cached_events",
        count: 2,
        files: [centos, journal],
      }),
    ]);
  });

  it("exits 1 with a message when a file cannot be read, still printing the rest", () => {
    const io = fakeIo();
    expect(run(["parse", "/nonexistent/crash.log", centos], io)).toBe(EXIT_UNREADABLE);
    expect(io.err.join("\n")).toMatch(/cannot read \/nonexistent\/crash\.log/);
    expect(io.out).toHaveLength(1);
  });

  it.each([[[]], [["explode"]], [["parse", "--verbose"]]])(
    "exits 2 on usage errors: %j",
    (argv) => {
      const io = fakeIo();
      expect(run(argv, io)).toBe(EXIT_USAGE);
      expect(io.err.join("\n")).toMatch(/usage: fleetdeck-crash/);
    },
  );

  it("accepts file names that start with a dash after --", () => {
    const io = fakeIo();
    expect(run(["parse", "--", "-odd-name.log"], io)).toBe(EXIT_UNREADABLE);
    expect(io.err.join("\n")).toMatch(/cannot read -odd-name\.log/);
  });
});
