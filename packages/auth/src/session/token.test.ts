import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  clearSessionCookie,
  DEV_SESSION_COOKIE_NAME,
  generateSessionToken,
  hashToken,
  readSessionCookie,
  SESSION_COOKIE_NAME,
  serializeSessionCookie,
} from "./token";

describe("session tokens", () => {
  it("are 256 random bits in base64url", () => {
    const token = generateSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(generateSessionToken()).not.toBe(token);
  });

  it("are stored as a SHA-256 hex digest that does not reveal the token", () => {
    const token = generateSessionToken();
    const stored = hashToken(token);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored).not.toContain(token);
  });
});

function attrs(header: string): string[] {
  return header.split("; ").slice(1);
}

describe("session cookie", () => {
  const token = generateSessionToken();

  it("over https: __Host- name, HttpOnly, Secure, Lax, Path=/, no Domain", () => {
    const header = serializeSessionCookie(token, { secure: true, maxAgeSeconds: 3600 });
    expect(header.startsWith(`${SESSION_COOKIE_NAME}=${token}; `)).toBe(true);
    expect(SESSION_COOKIE_NAME).toBe("__Host-fleetdeck_session");
    expect(attrs(header).sort()).toEqual(
      ["HttpOnly", "Max-Age=3600", "Path=/", "SameSite=Lax", "Secure"].sort(),
    );
    expect(header).not.toMatch(/domain/i);
  });

  it("over plain http on localhost: the dev name, no Secure, no __Host- prefix", () => {
    const header = serializeSessionCookie(token, { secure: false, maxAgeSeconds: 60 });
    expect(header.startsWith(`${DEV_SESSION_COOKIE_NAME}=`)).toBe(true);
    expect(header).not.toContain("__Host-");
    expect(header).not.toContain("Secure");
    expect(header).toContain("HttpOnly");
  });

  it("clears with the same name and attributes and an immediate expiry", () => {
    const header = clearSessionCookie({ secure: true });
    expect(header).toBe(
      `${SESSION_COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0`,
    );
  });

  it("refuses to write something that is not a token (no header injection)", () => {
    expect(() =>
      serializeSessionCookie("x; Domain=evil.com", { secure: true, maxAgeSeconds: 1 }),
    ).toThrow(TypeError);
  });

  it("reads the token back from a Cookie header and ignores look-alikes", () => {
    const header = `theme=dark; ${SESSION_COOKIE_NAME}=${token}; other=1`;
    expect(readSessionCookie(header, { secure: true })).toBe(token);
    expect(readSessionCookie(header, { secure: false })).toBeNull();
    expect(readSessionCookie(`${SESSION_COOKIE_NAME}=short`, { secure: true })).toBeNull();
    expect(readSessionCookie(`x${SESSION_COOKIE_NAME}=${token}`, { secure: true })).toBeNull();
    expect(readSessionCookie(undefined, { secure: true })).toBeNull();
  });
});
