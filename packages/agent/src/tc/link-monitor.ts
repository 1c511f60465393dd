import { execFile } from "node:child_process";
import { sleep } from "../backoff";
import type { Logger } from "../log";

/** Output kept per run; when exceeded execFile ends the run and it is started again. */
const MAX_BUFFER = 1024 * 1024;
const DEBOUNCE_MS = 300;

/**
 * Runs `ip monitor link` (execFile: argv, no shell) for as long as `signal` lives and
 * calls `onChange` (debounced) on every line it prints: a link going up or down is when
 * drivers reset their qdiscs. Restarted with a growing pause when it exits; given up
 * when ip is missing (drift is still checked on the timer).
 */
export async function watchLinks(
  argv: readonly string[],
  onChange: () => void,
  log: Logger,
  signal: AbortSignal,
): Promise<void> {
  const [file, ...args] = argv;
  if (!file) return;
  let pause = 1_000;
  let timer: NodeJS.Timeout | null = null;
  const poke = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, DEBOUNCE_MS);
    timer.unref();
  };
  while (!signal.aborted) {
    const started = Date.now();
    const code = await new Promise<string | number | null>((resolve) => {
      const child = execFile(
        file,
        args,
        { maxBuffer: MAX_BUFFER, signal, killSignal: "SIGKILL" },
        (error) => resolve(error ? ((error as NodeJS.ErrnoException).code ?? "failed") : 0),
      );
      child.stdout?.on("data", poke);
    });
    if (signal.aborted) break;
    if (code === "ENOENT") {
      log.warn("link monitor unavailable: drift is checked on the timer only", { argv });
      break;
    }
    pause = Date.now() - started > 60_000 ? 1_000 : Math.min(pause * 2, 30_000);
    log.debug("link monitor exited; restarting", { code, pauseMs: pause });
    await sleep(pause, signal);
  }
  if (timer) clearTimeout(timer);
}
