import { describe, expect, test } from "vitest";
import { canonicalJson } from "./canonical";
import { signCommand, verifyCommandSignature } from "./commands";
import { generateKeyPair, importPrivateKey, importPublicKey, publicKeyOf } from "./keys";
import { readSignatureHeaders, signRequest, verifyRequest } from "./request-signing";

const hostId = "0d6f2c4e-1b2a-4c3d-9e8f-7a6b5c4d3e2f";
const pair = generateKeyPair();
const key = importPrivateKey(pair);
const pub = importPublicKey(pair.publicKey);

describe("request signatures", () => {
  const parts = { method: "POST", path: "/api/agent/v1/heartbeat", body: '{"seq":1}' };

  test("a signed request verifies", () => {
    const headers = signRequest(hostId, key, parts, 1_000_000);
    const parsed = readSignatureHeaders((n) => headers[n]);
    expect(parsed).not.toBeNull();
    expect(verifyRequest(pub, parsed as NonNullable<typeof parsed>, parts, 1_000_500)).toEqual({
      ok: true,
    });
  });

  test.each([
    ["another body", { ...parts, body: '{"seq":2}' }],
    ["another path", { ...parts, path: "/api/agent/v1/stream" }],
    ["another method", { ...parts, method: "GET" }],
  ])("changing %s breaks the signature", (_name, changed) => {
    const headers = signRequest(hostId, key, parts, 1_000_000);
    const parsed = readSignatureHeaders((n) => headers[n]) as NonNullable<
      ReturnType<typeof readSignatureHeaders>
    >;
    expect(verifyRequest(pub, parsed, changed, 1_000_000)).toEqual({
      ok: false,
      problem: "bad_signature",
    });
  });

  test("a request signed by another key, or outside ±60 s, is refused", () => {
    const other = importPrivateKey(generateKeyPair());
    const headers = signRequest(hostId, other, parts, 1_000_000);
    const parsed = readSignatureHeaders((n) => headers[n]) as NonNullable<
      ReturnType<typeof readSignatureHeaders>
    >;
    expect(verifyRequest(pub, parsed, parts, 1_000_000).ok).toBe(false);
    const own = readSignatureHeaders(
      (n) => signRequest(hostId, key, parts, 1_000_000)[n],
    ) as NonNullable<ReturnType<typeof readSignatureHeaders>>;
    expect(verifyRequest(pub, own, parts, 1_061_000)).toEqual({ ok: false, problem: "clock_skew" });
  });
});

describe("command signatures", () => {
  const command = {
    v: 1 as const,
    id: "5b0e6f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
    hostId,
    type: "agent.ping",
    args: {},
    idempotencyKey: "ping:1",
    createdAt: 1_000,
    expiresAt: 61_000,
  };

  test("verifies with the pinned key, fails on any change or another key", () => {
    const signed = signCommand(key, command);
    expect(verifyCommandSignature(pub, signed)).toBe(true);
    expect(verifyCommandSignature(pub, { ...signed, expiresAt: 999_999 })).toBe(false);
    expect(verifyCommandSignature(pub, { ...signed, type: "facts.refresh" })).toBe(false);
    expect(verifyCommandSignature(importPublicKey(generateKeyPair().publicKey), signed)).toBe(
      false,
    );
  });

  test("key order does not change the signed bytes", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  test("the public key can be recovered from the private seed", () => {
    expect(publicKeyOf(pair.privateKey)).toBe(pair.publicKey);
  });
});
