import { describe, expect, it } from "vitest";
import { generateTotpSecret } from "./totp";
import { totpQrSvg, totpUri } from "./uri";

describe("totpUri", () => {
  it("names the issuer and the account and spells out every parameter", () => {
    const secret = generateTotpSecret();
    const uri = totpUri("ada@example.com", secret);
    expect(uri).toBe(
      `otpauth://totp/Fleetdeck:ada%40example.com?secret=${secret}&issuer=Fleetdeck&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it("keeps an odd e-mail address from breaking out of the label", () => {
    const uri = new URL(totpUri("a+b?&issuer=Evil@example.com", "JBSWY3DPEHPK3PXPJBSWY3DP"));
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Fleetdeck:a+b?&issuer=Evil@example.com");
    expect(uri.searchParams.getAll("issuer")).toEqual(["Fleetdeck"]);
  });
});

describe("totpQrSvg", () => {
  it("draws the QR code locally as an SVG", async () => {
    const svg = await totpQrSvg(totpUri("ada@example.com", generateTotpSecret()));
    expect(svg.trimStart()).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("<path");
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing fetched from elsewhere
  });
});
