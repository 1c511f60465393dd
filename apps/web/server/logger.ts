import pino from "pino";

/** JSON lines on stdout; every request line carries its request id. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "fleetdeck" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

export type Logger = ReturnType<typeof createLogger>;
