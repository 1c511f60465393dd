/** One line `tc -batch` refused: its number in the file, its text, what tc said. */
export interface BatchFailure {
  line: number;
  text: string;
  message: string;
}

const FAILED = /^Command failed (.+):(\d+)\s*$/;

/**
 * tc prints the kernel's complaint ("Error: ...", "RTNETLINK answers: ...") and then
 * "Command failed FILE:LINE" for each refused line (only the first without -force).
 * Lines are mapped back to the text we wrote, so a report names the command itself.
 */
export function parseBatchFailures(stderr: string, lines: readonly string[]): BatchFailure[] {
  const failures: BatchFailure[] = [];
  let said: string[] = [];
  for (const raw of stderr.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const m = FAILED.exec(line);
    if (!m) {
      said.push(line);
      continue;
    }
    const number = Number(m[2]);
    const errors = said.filter((s) => !s.startsWith("Warning:"));
    failures.push({
      line: number,
      text: lines[number - 1] ?? "",
      message: (errors.length > 0 ? errors : said).join("; ").slice(0, 1000),
    });
    said = [];
  }
  return failures;
}

/** "line 3: qdisc add ... (Error: Specified qdisc kind is unknown.)" */
export function describeFailure(f: BatchFailure): string {
  return `line ${f.line}: ${f.text}${f.message ? ` (${f.message})` : ""}`;
}
