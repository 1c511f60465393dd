import { expect, test } from "vitest";
import { redact } from "./redact";

test("secrets never reach the audit log, whatever they are called", () => {
  expect(
    redact({
      role: "viewer",
      code: "123456",
      newPassword: "x",
      nested: { apiToken: "t", name: "ok" },
    }),
  ).toEqual({
    role: "viewer",
    code: "[redacted]",
    newPassword: "[redacted]",
    nested: { apiToken: "[redacted]", name: "ok" },
  });
});
