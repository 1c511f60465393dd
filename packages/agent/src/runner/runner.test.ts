import { describe, expect, test } from "vitest";
import { dryRunRunner, execRunner, recordingRunner } from ".";

const node = process.execPath;
const runner = execRunner({ timeoutMs: 5_000, maxOutputBytes: 1024 * 1024 });

describe("execRunner", () => {
  test("runs an argv without a shell: metacharacters stay one argument", async () => {
    const run = await runner.run([
      node,
      "-e",
      "console.log(JSON.stringify(process.argv.slice(1)))",
      "$(id)",
      "; echo pwned",
      "",
    ]);
    expect(run.error).toBeNull();
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(["$(id)", "; echo pwned", ""]);
  });

  test("a non-zero exit keeps its code and stderr", async () => {
    const run = await runner.run([node, "-e", "process.stderr.write('bad'); process.exit(3)"]);
    expect(run).toMatchObject({ exitCode: 3, stderr: "bad", error: null });
  });

  test("a missing tool, a timeout and too much output are described, not thrown", async () => {
    expect(await runner.run(["fleetdeck-no-such-tool", "-V"])).toMatchObject({
      exitCode: null,
      error: "fleetdeck-no-such-tool: not found",
    });
    const slow = await runner.run([node, "-e", "setTimeout(() => {}, 10000)"], { timeoutMs: 200 });
    expect(slow).toMatchObject({ exitCode: null, error: "timed out after 200 ms" });
    const loud = await runner.run([node, "-e", "process.stdout.write('x'.repeat(5000))"], {
      maxOutputBytes: 1024,
    });
    expect(loud.error).toMatch(/output exceeded/);
  });
});

describe("dry-run and recording runners", () => {
  test("dry-run records and answers an empty success", async () => {
    const seen: string[][] = [];
    const dry = dryRunRunner((argv) => seen.push([...argv]));
    expect(dry.dryRun).toBe(true);
    expect(await dry.run(["tc", "-j", "qdisc", "show"])).toMatchObject({
      exitCode: 0,
      stdout: "[]\n",
    });
    expect(await dry.run(["ethtool", "-i", "eth0"])).toMatchObject({ exitCode: 0, stdout: "" });
    expect(seen).toEqual([
      ["tc", "-j", "qdisc", "show"],
      ["ethtool", "-i", "eth0"],
    ]);
  });

  test("recording answers by argv, from a table or a function", async () => {
    const table = recordingRunner({ "ip -V": { stdout: "v" } });
    expect((await table.run(["ip", "-V"])).stdout).toBe("v");
    expect((await table.run(["ip", "x"])).stdout).toBe("");
    const fn = recordingRunner((argv) => ({ exitCode: argv.length }));
    expect((await fn.run(["a", "b"])).exitCode).toBe(2);
    expect(table.calls).toEqual([
      ["ip", "-V"],
      ["ip", "x"],
    ]);
  });
});
