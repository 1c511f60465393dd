import { describe, expect, test } from "vitest";
import { AppError } from "../errors";
import { checkWebhookUrl, urlForAudit } from "./webhook-url";

function problem(url: string): string {
  try {
    checkWebhookUrl(url);
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_REQUEST") return error.message;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe("webhook URLs", () => {
  test.each([
    ["https://hooks.example.com/fleetdeck", "https://hooks.example.com/fleetdeck"],
    ["  https://Hooks.Example.com  ", "https://hooks.example.com/"],
    ["http://localhost:8080/hook", "http://localhost:8080/hook"],
    ["http://127.0.0.1:9000/", "http://127.0.0.1:9000/"],
    ["http://[::1]:9000/x", "http://[::1]:9000/x"],
    ["https://10.0.0.5:8443/in?team=net", "https://10.0.0.5:8443/in?team=net"],
  ])("accepts %s", (input, saved) => {
    expect(checkWebhookUrl(input)).toBe(saved);
  });

  test("says what is wrong, in a sentence", () => {
    expect(problem("")).toBe("Enter the URL that should receive the events.");
    expect(problem("hooks.example.com/x")).toMatch(/not a full URL.*https:\/\/hooks\.example\.com/);
    expect(problem("ftp://example.com/x")).toBe("Use an https:// URL (not ftp://).");
    expect(problem("http://hooks.example.com/x")).toMatch(
      /^Use https:\/\/\. Plain http:\/\/ is only allowed for localhost and 127\.0\.0\.1/,
    );
    // Not loopback, whatever the name suggests.
    expect(problem("http://localhost.example.com/")).toMatch(/^Use https:\/\//);
    expect(problem("http://127.0.0.2/")).toMatch(/^Use https:\/\//);
    expect(problem("https://bob:hunter2@hooks.example.com/")).toMatch(/user name and password/);
    expect(problem(`https://example.com/${"a".repeat(2100)}`)).toMatch(/too long/);
  });

  test("the audit log keeps the place, not a token in the query string", () => {
    expect(urlForAudit("https://hooks.example.com/in?token=abc")).toBe(
      "https://hooks.example.com/in?…",
    );
    expect(urlForAudit("http://127.0.0.1:9000/x")).toBe("http://127.0.0.1:9000/x");
  });
});
