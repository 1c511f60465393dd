import { createHash } from "node:crypto";

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash("sha256").update(data).digest("hex");

/**
 * One crash of one boot from one source, whatever its file is called now: a rescan, a
 * restart or a renamed directory find the same key.
 */
export function crashKey(source: string, bootId: string, textSha256: string): string {
  return sha256Hex(`${source}\0${bootId}\0${textSha256}`);
}

/** crashUploadSchema allows 64 characters; a long host name in a kdump dir must still fit. */
export function syntheticBootId(source: string, localId: string): string {
  const id = `unknown:${source}:${localId}`;
  return id.length <= 64 ? id : `unknown:${source}:${sha256Hex(localId).slice(0, 40)}`;
}
