import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { recordingRunner, type Reply } from "../runner";
import { tempDir } from "../testing/fixtures";
import { applyOnce } from "./apply-once";
import { TcTool } from "./tool";

/*
 * How the single run's output is split and where a stop is placed, against canned tc
 * answers: the real-kernel side is apply-once.netns.test.ts.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const DEVICE = (q: string) => ["class htb 1:1 root rate 1Mbit", `[${q}]`, "[f]", "[]", "[]", "[]"];
const teardown = [["qdisc", "replace", "dev", "eth0", "ingress"]];
const batch = [
  ["qdisc", "replace", "dev", "eth0", "root", "handle", "1:", "htb"],
  ["class", "replace", "dev", "eth0", "parent", "1:", "classid", "1:1", "htb", "rate", "1mbit"],
];
// Six listings, one teardown line, two batch lines, six listings.
const S = 6;

/** tc's answer, given the lines of the file it was handed. */
async function toolAnswering(answer: (lines: string[], file: string) => Reply) {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const runner = recordingRunner((argv) => {
    const file = argv.at(-1) ?? "";
    return answer(readFileSync(file, "utf8").trim().split("\n"), file);
  });
  return new TcTool(runner, dir);
}

const input = (tool: TcTool) => ({ tool, before: ["eth0"], teardown, batch, after: ["eth0"] });

describe("the single run", () => {
  test("to the end: the listings before and after, split per device", async () => {
    const tool = await toolAnswering(() => ({
      stdout: [
        ...DEVICE('{"kind":"pfifo_fast","handle":"0:","root":true}'),
        ...DEVICE('{"kind":"htb","handle":"1:","root":true}'),
        "",
      ].join("\n"),
    }));
    const run = await applyOnce(input(tool));
    expect(run).toMatchObject({ stoppedIn: null, failure: null, changed: true, error: null });
    expect(run.before?.[0]).toMatchObject({ dev: "eth0", class: "class htb 1:1 root rate 1Mbit" });
    expect(run.before?.[0]?.qdisc).toContain("pfifo_fast");
    expect(run.after?.[0]?.qdisc).toContain("htb");
    expect(tool.classFormat).toBe("text");
    expect(tool.lastRead("eth0")?.qdisc).toContain("htb");
  });

  test.for([
    [S + 1, "teardown", 1, false],
    [S + 3, "apply", 2, true],
  ] as const)(
    "refused at file line %i: the %s part, its line %i; changed: %s",
    async ([n, part, line, changed]) => {
      const tool = await toolAnswering((_lines, file) => ({
        exitCode: 1,
        stdout: `${DEVICE("").join("\n")}\n`,
        stderr: `Error: nope.\nCommand failed ${file}:${n}\n`,
      }));
      const run = await applyOnce(input(tool));
      expect(run).toMatchObject({ stoppedIn: part, changed, after: null, error: null });
      expect(run.failure).toMatchObject({ line, message: "Error: nope." });
      expect(run.before).toHaveLength(1);
    },
  );

  test("refused inside the listings (a device gone): no snapshot, nothing changed", async () => {
    const tool = await toolAnswering((_lines, file) => ({
      exitCode: 1,
      stdout: "class htb 1:1 root rate 1Mbit\n[q]\n",
      stderr: `Cannot find device "eth0"\nCommand failed ${file}:3\n`,
    }));
    expect(await applyOnce(input(tool))).toMatchObject({
      before: null,
      changed: false,
      stoppedIn: "snapshot",
    });
  });

  test("killed without a line named: split only in a known class format", async () => {
    const answer = () => ({
      exitCode: null,
      error: "timed out after 30000 ms",
      stdout: `${DEVICE("").join("\n")}\n[q`,
    });
    const unknown = await toolAnswering(answer);
    expect(await applyOnce(input(unknown))).toMatchObject({
      before: null,
      changed: true,
      stoppedIn: "unknown",
    });
    const known = await toolAnswering(answer);
    known.classFormat = "text";
    const run = await applyOnce(input(known));
    expect(run).toMatchObject({ stoppedIn: "unknown", error: "timed out after 30000 ms" });
    expect(run.before?.[0]?.class).toBe("class htb 1:1 root rate 1Mbit");
  });

  test("killed inside the listings: nothing changed", async () => {
    const tool = await toolAnswering(() => ({
      exitCode: null,
      error: "timed out",
      stdout: "[q]\n[f]\n",
    }));
    expect(await applyOnce(input(tool))).toMatchObject({ before: null, changed: false });
  });

  test("output of an unexpected shape after a whole run: no snapshot is guessed", async () => {
    const tool = await toolAnswering(() => ({
      stdout: [...DEVICE(""), "surprise", ...DEVICE("")].join("\n"),
    }));
    expect(await applyOnce(input(tool))).toMatchObject({
      before: null,
      changed: true,
      stoppedIn: null,
    });
  });
});
