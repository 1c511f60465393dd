import { describe, expect, it } from "vitest";
import {
  DatabaseConfigError,
  describeConnectionError,
  parseDatabaseUrl,
  withDatabase,
} from "./url";

describe("parseDatabaseUrl", () => {
  it("reads host, port, user and database", () => {
    expect(parseDatabaseUrl("postgresql://app:pw@db.internal:6543/fleet")).toMatchObject({
      host: "db.internal",
      port: 6543,
      user: "app",
      database: "fleet",
    });
  });

  it.each([
    ["not a url", /not a valid URL/],
    ["mysql://root@localhost/db", /must start with postgresql:\/\//],
    ["postgresql://localhost:5432", /names no database/],
  ])("refuses %s with a plain sentence", (raw, message) => {
    expect(() => parseDatabaseUrl(raw)).toThrow(DatabaseConfigError);
    expect(() => parseDatabaseUrl(raw)).toThrow(message);
  });

  it("swaps the database and keeps the rest", () => {
    expect(withDatabase("postgresql://u:p@h:1/a?sslmode=disable", "b")).toBe(
      "postgresql://u:p@h:1/b?sslmode=disable",
    );
  });

  it("names the problem of a refused connection", () => {
    const target = parseDatabaseUrl("postgresql://localhost:1/x");
    expect(describeConnectionError({ code: "ECONNREFUSED" }, target)).toBe(
      "cannot reach PostgreSQL at localhost:1: connection refused (is it running?)",
    );
  });
});
