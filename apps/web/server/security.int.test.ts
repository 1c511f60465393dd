import { createDb } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedSignedInUser } from "../e2e/fixtures";
import { type RunningServer, startServer } from "../e2e/server-process";

let server: RunningServer;
let secureServer: RunningServer;
let cookie: string;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  const db = createDb(database.url, { max: 2 });
  const user = await seedSignedInUser(db, {
    email: "ops@acme.test",
    orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
  });
  await db.close();
  cookie = `fleetdeck_session_dev=${user.sessionToken}`;
  [server, secureServer] = await Promise.all([
    startServer(database.url),
    // As deployed behind TLS: the public URL is https.
    startServer(database.url, { FLEETDECK_PUBLIC_URL: "https://fleetdeck.example.com" }),
  ]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), secureServer?.stop()]);
  await dropDatabase?.();
});

const mutation = (
  base: string,
  headers: Record<string, string>,
  body = JSON.stringify({ json: { name: "Evil Corp" } }),
) => fetch(`${base}/api/trpc/org.create`, { method: "POST", headers, body });

describe("cross-site requests", () => {
  test("a same-origin JSON mutation goes through", async () => {
    const res = await mutation(server.url, {
      cookie,
      origin: server.url,
      "content-type": "application/json",
    });
    expect(res.status).toBe(200);
  });

  test.each<[string, Record<string, string>]>([
    [
      "a text/plain POST from another site",
      { origin: "https://evil.example", "content-type": "text/plain" },
    ],
    ["a text/plain POST with our own origin", { origin: "SELF", "content-type": "text/plain" }],
    ["an Origin: null POST", { origin: "null", "content-type": "application/json" }],
    [
      "a JSON POST from another site",
      { origin: "https://evil.example", "content-type": "application/json" },
    ],
    ["a JSON POST with no Origin", { "content-type": "application/json" }],
  ])("%s to a tRPC mutation is refused and changes nothing", async (_name, headers) => {
    const sent: Record<string, string> = { cookie, ...headers };
    if (sent.origin === "SELF") sent.origin = server.url;
    const res = await mutation(server.url, sent);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { problem: "csrf" } });
  });

  test("the auth endpoints refuse a cross-site form post too", async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "email=a@b.c&password=x",
    });
    expect(res.status).toBe(403);
  });
});

describe("cookies", () => {
  test("over https the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/", async () => {
    const origin = "https://fleetdeck.example.com";
    // A login that fails still sets the challenge cookie; check its attributes and the signup's.
    const res = await fetch(`${secureServer.url}/api/auth/login`, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ email: "nobody@acme.test", password: "whatever it may be" }),
    });
    expect(res.status).toBe(200);
    const challenge = res.headers.getSetCookie().find((c) => c.startsWith("fleetdeck_challenge="));
    expect(challenge).toMatch(
      /; Path=\/api\/auth; SameSite=Strict; Max-Age=600; HttpOnly; Secure$/,
    );
    const logout = await fetch(`${secureServer.url}/api/auth/logout`, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: "{}",
    });
    const cleared = logout.headers
      .getSetCookie()
      .find((c) => c.startsWith("__Host-fleetdeck_session="));
    expect(cleared).toBe(
      "__Host-fleetdeck_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0",
    );
  });

  test("over plain http the cookie keeps every attribute but Secure and the prefix", async () => {
    const res = await fetch(`${server.url}/api/auth/logout`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.headers.getSetCookie()).toContain(
      "fleetdeck_session_dev=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
    );
  });
});
