import { readFileSync, realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { groupCrashes } from "./group";
import { parseKernelLog } from "./parse";
import type { CrashReport } from "./schema";

/** The CLI's only contact with the world, so tests can run it in-process. */
export interface CliIo {
  /** Throws when the file cannot be read. */
  readFile(path: string): string;
  readStdin(): string;
  stdout(line: string): void;
  stderr(line: string): void;
}

export const EXIT_OK = 0;
export const EXIT_UNREADABLE = 1;
export const EXIT_USAGE = 2;

const USAGE = `usage: fleetdeck-crash parse [FILE|-]...
       fleetdeck-crash group [FILE|-]...
Reads kernel logs (serial console, dmesg, journalctl -k, vmcore-dmesg.txt, pstore dmesg-*)
and prints one JSON line per input (parse) or per group of the same bug (group).
Reads standard input when no FILE is given or FILE is "-".`;

function summary(r: CrashReport) {
  return {
    kind: r.kind,
    title: r.title,
    function: r.function,
    module: r.module,
    kernel: r.kernel,
    taint: r.taint,
    signature: r.signature,
    frames: r.frames.map((f) => ({
      function: f.function ?? f.address,
      offset: f.offset,
      size: f.size,
      module: f.module,
      reliable: f.reliable,
    })),
    corrupted: r.corrupted,
    corruptedReason: r.corruptedReason,
    lines: r.lines,
  };
}

interface Input {
  file: string;
  text: string;
}

function readInputs(files: string[], io: CliIo): { inputs: Input[]; failed: boolean } {
  const inputs: Input[] = [];
  let failed = false;
  for (const file of files) {
    try {
      inputs.push({ file, text: file === "-" ? io.readStdin() : io.readFile(file) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr(`fleetdeck-crash: cannot read ${file}: ${reason}`);
      failed = true;
    }
  }
  return { inputs, failed };
}

function printGroups(inputs: Input[], io: CliIo): void {
  const crashes = inputs.flatMap(({ file, text }) =>
    parseKernelLog(text).map((report) => ({ ...report, file })),
  );
  for (const group of groupCrashes(crashes)) {
    const files = [...new Set(group.members.map((m) => m.file))];
    const { signature, kind, why } = group;
    const line = {
      signature,
      kind,
      function: group.function,
      why,
      count: group.members.length,
      files,
    };
    io.stdout(JSON.stringify(line));
  }
}

/** Runs `fleetdeck-crash ARGS`; returns the exit code. */
export function run(argv: readonly string[], io: CliIo): number {
  const [command, ...args] = argv;
  if (command === "-h" || command === "--help") {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const dashDash = args.indexOf("--");
  const options = dashDash < 0 ? args : args.slice(0, dashDash);
  const unknown = options.find((a) => a.startsWith("-") && a !== "-");
  if ((command !== "parse" && command !== "group") || unknown !== undefined) {
    const what = unknown ?? command;
    io.stderr(
      what === undefined
        ? USAGE
        : `fleetdeck-crash: unknown ${unknown ? "option" : "command"} ${what}\n${USAGE}`,
    );
    return EXIT_USAGE;
  }
  const named = args.filter((_, i) => i !== dashDash);
  const { inputs, failed } = readInputs(named.length > 0 ? named : ["-"], io);
  if (command === "parse") {
    for (const { file, text } of inputs) {
      io.stdout(JSON.stringify({ file, crashes: parseKernelLog(text).map(summary) }));
    }
  } else {
    printGroups(inputs, io);
  }
  return failed ? EXIT_UNREADABLE : EXIT_OK;
}

function nodeIo(): CliIo {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // `fleetdeck-crash parse … | head` closes the pipe early: not an error worth a trace.
    if (error.code === "EPIPE") process.exit(EXIT_OK);
    throw error;
  });
  return {
    readFile: (path) => readFileSync(path, "utf8"),
    readStdin: () => readFileSync(0, "utf8"),
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  };
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) process.exitCode = run(process.argv.slice(2), nodeIo());
