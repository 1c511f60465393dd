import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { oathtool } from "../e2e/auth-helpers";
import { type RunningServer, startServer } from "../e2e/server-process";

let server: RunningServer;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  server = await startServer(database.url, {
    FLEETDECK_DEMO: "1",
    FLEETDECK_DEMO_AGENTS: "0",
    FLEETDECK_DATA_DIR: mkdtempSync(path.join(tmpdir(), "fleetdeck-demo-")),
    LOG_LEVEL: "silent",
  });
});

afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

function field(banner: string, name: string): string {
  const match = new RegExp(`^\\s+${name}\\s+(\\S+)`, "m").exec(banner);
  if (!match?.[1]) throw new Error(`the banner does not show the ${name}:\n${banner}`);
  return match[1];
}

describe("the demo login printed at start", () => {
  test("shows email, password, TOTP secret and otpauth URI, and they sign in", async () => {
    await expect
      .poll(() => server.output(), { timeout: 10_000 })
      .toContain("Sign in to the demo organization");
    const banner = server.output();
    const email = field(banner, "email");
    const password = field(banner, "password");
    const secret = /secret (\S+)/.exec(banner)?.[1] ?? "";
    expect(banner).toMatch(/otpauth:\/\/totp\/Fleetdeck:owner%40demo\.fleetdeck\.test\?secret=/);

    const headers = { origin: server.url, "content-type": "application/json" };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email, password }),
    });
    expect(await login.json()).toEqual({ next: "verify" });
    const challenge = login.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const verify = await fetch(`${server.url}/api/auth/login/verify`, {
      method: "POST",
      headers: { ...headers, cookie: challenge },
      body: JSON.stringify({ code: await oathtool(secret) }),
    });
    expect(verify.status).toBe(200);
    const session =
      verify.headers
        .getSetCookie()
        .find((c) => c.startsWith("fleetdeck_session_dev="))
        ?.split(";")[0] ?? "";
    const home = await fetch(`${server.url}/`, {
      headers: { cookie: session },
      redirect: "manual",
    });
    expect(home.headers.get("location")).toBe("/o/demo/fleet");
  });
});
