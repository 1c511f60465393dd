import QRCode from "qrcode";
import { TOTP_PARAMS } from "./totp";

export const TOTP_ISSUER = "Fleetdeck";

/**
 * The Key URI authenticator apps scan. otplib's generateURI leaves out parameters equal
 * to the defaults; we write algorithm, digits and period explicitly because some apps
 * guess wrong when they are missing. The issuer appears both as the label prefix (older
 * apps) and as a parameter (newer ones), as the Key URI format asks.
 */
export function totpUri(email: string, secret: string): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(email)}`;
  const query = new URLSearchParams({
    secret,
    issuer: TOTP_ISSUER,
    algorithm: TOTP_PARAMS.algorithm.toUpperCase(),
    digits: String(TOTP_PARAMS.digits),
    period: String(TOTP_PARAMS.period),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}

/**
 * The URI as an SVG QR code, drawn here: the secret must never go to a third-party QR
 * service. Level M survives a slightly blurry phone camera; the quiet zone of 4 modules
 * is what the QR standard asks for.
 */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
