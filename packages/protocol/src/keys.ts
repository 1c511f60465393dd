import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { z } from "zod";

/** An Ed25519 public key: its 32 raw bytes, base64url (the JWK `x`). */
export const publicKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "an Ed25519 public key (43 base64url characters)");

export interface KeyPair {
  /** base64url of the raw 32-byte public key. */
  publicKey: string;
  /** base64url of the raw 32-byte seed; keep it secret (mode 600 on disk). */
  privateKey: string;
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" });
  return {
    publicKey: publicKey.export({ format: "jwk" }).x as string,
    privateKey: jwk.d as string,
  };
}

export function importPublicKey(raw: string): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw }, format: "jwk" });
}

export function importPrivateKey(pair: KeyPair): KeyObject {
  return createPrivateKey({
    key: { kty: "OKP", crv: "Ed25519", x: pair.publicKey, d: pair.privateKey },
    format: "jwk",
  });
}

/** The public half of a private key given as its seed alone. */
export function publicKeyOf(privateKey: string): string {
  const key = createPrivateKey({
    key: { kty: "OKP", crv: "Ed25519", d: privateKey, x: "" },
    format: "jwk",
  });
  return createPublicKey(key).export({ format: "jwk" }).x as string;
}
