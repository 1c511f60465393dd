import { describe, expect, it } from "vitest";
import { type CsrfRequest, checkCsrf } from "./csrf";

const site = "https://fleet.example.com";
const post: CsrfRequest = {
  method: "POST",
  contentType: "application/json",
  origin: site,
  host: "fleet.example.com",
  allowedOrigins: [site],
};

describe("checkCsrf", () => {
  it("lets reads through, whatever their origin", () => {
    for (const method of ["GET", "HEAD", "get"]) {
      expect(
        checkCsrf({ ...post, method, origin: "https://evil.example", contentType: null }),
      ).toEqual({
        ok: true,
      });
    }
  });

  it("accepts a JSON POST from the site itself, with or without a charset", () => {
    expect(checkCsrf(post)).toEqual({ ok: true });
    expect(checkCsrf({ ...post, contentType: "application/json; charset=utf-8" })).toEqual({
      ok: true,
    });
    expect(checkCsrf({ ...post, contentType: "Application/JSON;charset=UTF-8" })).toEqual({
      ok: true,
    });
  });

  it("refuses other ways of changing state", () => {
    for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
      expect(checkCsrf({ ...post, method })).toEqual({ ok: false, problem: "method_not_allowed" });
    }
  });

  it("refuses what a cross-site HTML form can send", () => {
    for (const contentType of [
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "text/plain",
      "text/plain; application/json",
      "application/json-patch+json",
      "application/json; boundary=x",
      "",
      null,
    ]) {
      expect(checkCsrf({ ...post, contentType })).toEqual({
        ok: false,
        problem: "content_type_not_json",
      });
    }
  });

  it("refuses a missing or null Origin", () => {
    expect(checkCsrf({ ...post, origin: undefined })).toEqual({
      ok: false,
      problem: "origin_missing",
    });
    expect(checkCsrf({ ...post, origin: "" })).toEqual({ ok: false, problem: "origin_missing" });
    expect(checkCsrf({ ...post, origin: "null" })).toEqual({ ok: false, problem: "origin_null" });
  });

  it("refuses other sites, look-alikes and the plain-http twin", () => {
    for (const origin of [
      "https://evil.example",
      "https://fleet.example.com.evil.example",
      "https://evil.fleet.example.com",
      "http://fleet.example.com",
      "https://fleet.example.com:8443",
      "not a url",
    ]) {
      expect(checkCsrf({ ...post, origin })).toEqual({ ok: false, problem: "origin_mismatch" });
    }
  });

  it("falls back to the Host header over https, and allows http only on loopback", () => {
    const bare = { ...post, allowedOrigins: [] };
    expect(checkCsrf(bare)).toEqual({ ok: true });
    expect(checkCsrf({ ...bare, origin: "http://fleet.example.com" })).toMatchObject({ ok: false });
    const dev = { ...bare, origin: "http://localhost:3000", host: "localhost:3000" };
    expect(checkCsrf(dev)).toEqual({ ok: true });
    expect(checkCsrf({ ...dev, host: "localhost:3001" })).toMatchObject({ ok: false });
  });

  it("accepts an origin listed in the configuration even behind a proxy that rewrites Host", () => {
    expect(checkCsrf({ ...post, host: "web:3000" })).toEqual({ ok: true });
  });
});
