const SECRET_KEY = /pass(word)?|code|token|secret|otp/i;

/** A copy of a procedure input fit for the audit log: secrets replaced, size bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4) return "…";
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1),
      ]),
    );
  }
  if (typeof value === "string" && value.length > 200) return `${value.slice(0, 200)}…`;
  return value ?? {};
}
