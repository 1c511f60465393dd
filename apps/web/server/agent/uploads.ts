import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat, truncate } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { BlobStore } from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import { CHUNK_SHA256_HEADER, uploadCreateSchema } from "@fleetdeck/protocol";
import { sendJson } from "../http/handler";
import type { Logger } from "../logger";
import { identify, verifySignature } from "./authenticate";
import type { HostCache } from "./host-cache";
import type { NonceGuard } from "./nonce-guard";

const CHUNK_BYTES = 8 * 1024 * 1024;
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;
const TTL_MS = 24 * 3600_000;

export interface UploadDeps {
  db: Db;
  blobs: BlobStore;
  hosts: HostCache;
  nonces: NonceGuard;
  logger: Logger;
  dir: string;
  maxBytes: number;
}

const fail = (
  res: ServerResponse,
  status: number,
  problem: string,
  message: string,
  extra: object = {},
) => sendJson(res, status, { error: { problem, message }, ...extra });

class TooLarge extends Error {}

/**
 * Resumable uploads (vmcores). Chunks stream straight to `<dir>/<id>.part` while being
 * hashed; nothing is held in memory. A chunk whose signature or checksum fails is cut off
 * again, so the file only ever holds verified bytes. The finished file moves into the blob
 * store under its SHA-256: no name from the host ever becomes a path.
 */
export function createUploadHandlers(deps: UploadDeps) {
  /**
   * The whole file's SHA-256 so far, per upload received in order by this process, so
   * the last chunk needs no second read of a file that may be gigabytes (re-reading 4 GiB
   * took 15 s of a 47 s upload). After a restart the state is gone and the last chunk
   * re-reads the file instead.
   */
  const wholeSoFar = new Map<string, { offset: number; hash: Hash }>();
  const partPath = (id: string) => path.join(deps.dir, `${id}.part`);
  const sizeOf = async (file: string) => (await stat(file).catch(() => null))?.size ?? 0;
  const state = (id: string, offset: number, length: bigint, complete: boolean) => ({
    uploadId: id,
    offset,
    length: Number(length),
    complete,
    chunkBytes: CHUNK_BYTES,
  });

  async function create(
    res: ServerResponse,
    body: Buffer,
    host: { id: string; organizationId: string },
  ) {
    const parsed = uploadCreateSchema.safeParse(JSON.parse(body.toString("utf8") || "{}"));
    if (!parsed.success)
      return fail(res, 400, "bad_request", parsed.error.issues[0]?.message ?? "invalid upload");
    const { crashId, length, sha256 } = parsed.data;
    if (length > deps.maxBytes)
      return fail(res, 413, "too_large", `Uploads are limited to ${deps.maxBytes} bytes.`);
    const crash = await deps.db.prisma.crash.findFirst({
      where: { id: crashId, hostId: host.id },
      select: { id: true },
    });
    if (!crash) return fail(res, 404, "not_found", "No such crash from this host.");
    const existing = await deps.db.prisma.upload.findFirst({
      where: { hostId: host.id, crashId, sha256, completedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, length: true },
    });
    const upload =
      existing ??
      (await deps.db.prisma.upload.create({
        data: {
          organizationId: host.organizationId,
          hostId: host.id,
          crashId,
          purpose: "vmcore",
          length: BigInt(length),
          sha256,
          expiresAt: new Date(Date.now() + TTL_MS),
        },
        select: { id: true, length: true },
      }));
    await mkdir(deps.dir, { recursive: true });
    return sendJson(
      res,
      existing ? 200 : 201,
      state(upload.id, await sizeOf(partPath(upload.id)), upload.length, false),
    );
  }

  async function status(res: ServerResponse, id: string, hostId: string) {
    const upload = await deps.db.prisma.upload.findFirst({
      where: { id, hostId },
      select: { id: true, length: true, completedAt: true },
    });
    if (!upload) return fail(res, 404, "not_found", "No such upload for this host.");
    const offset = upload.completedAt ? Number(upload.length) : await sizeOf(partPath(id));
    return sendJson(res, 200, state(id, offset, upload.length, upload.completedAt !== null));
  }

  /** PUT of one chunk: authenticated on headers first, verified on its hash once written. */
  async function putChunk(req: IncomingMessage, res: ServerResponse, id: string, offset: number) {
    const who = await identify(req, deps.hosts);
    if (!who.ok) return fail(res, who.status, who.problem, who.message);
    const upload = await deps.db.prisma.upload.findFirst({
      where: { id, hostId: who.host.id },
      select: { id: true, length: true, sha256: true, completedAt: true, crashId: true },
    });
    if (!upload) return fail(res, 404, "not_found", "No such upload for this host.");
    const file = partPath(id);
    const current = await sizeOf(file);
    if (upload.completedAt)
      return sendJson(res, 200, state(id, Number(upload.length), upload.length, true));
    if (offset !== current)
      return fail(
        res,
        409,
        "offset_mismatch",
        `The server has ${current} bytes; send from there.`,
        { offset: current },
      );
    const remaining = Number(upload.length) - current;
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > Math.min(remaining, MAX_CHUNK_BYTES))
      return fail(res, 413, "too_large", "This chunk goes past the upload's declared length.");
    const lock = await deps.db.pool.connect();
    try {
      const { rows } = await lock.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock(hashtext($1)) AS locked",
        [id],
      );
      if (!rows[0]?.locked)
        return fail(res, 409, "busy", "Another chunk of this upload is being written.", {
          offset: current,
        });
      try {
        return await writeChunk(req, res, who, upload, file, current, remaining);
      } finally {
        await lock.query("SELECT pg_advisory_unlock(hashtext($1))", [id]);
      }
    } finally {
      lock.release();
    }
  }

  async function writeChunk(
    req: IncomingMessage,
    res: ServerResponse,
    who: Parameters<typeof verifySignature>[1],
    upload: { id: string; length: bigint; sha256: string; crashId: string | null },
    file: string,
    start: number,
    remaining: number,
  ) {
    const hash = createHash("sha256");
    // The whole-file hash with this chunk added, kept only once the chunk is verified.
    const before = wholeSoFar.get(upload.id);
    const whole =
      before?.offset === start ? before.hash.copy() : start === 0 ? createHash("sha256") : null;
    let written = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        written += chunk.length;
        if (written > Math.min(remaining, MAX_CHUNK_BYTES)) return done(new TooLarge());
        hash.update(chunk);
        whole?.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(req, meter, createWriteStream(file, { flags: "a" }));
    } catch (error) {
      await truncate(file, start).catch(() => {});
      if (error instanceof TooLarge)
        return fail(res, 413, "too_large", "This chunk goes past the upload's declared length.");
      throw error;
    }
    const sha256 = hash.digest("hex");
    const verified = await verifySignature(req, who, { sha256 }, deps.nonces);
    if (!verified.ok) {
      await truncate(file, start);
      return fail(res, verified.status, verified.problem, verified.message);
    }
    if (req.headers[CHUNK_SHA256_HEADER] !== sha256) {
      await truncate(file, start);
      return fail(
        res,
        400,
        "chunk_checksum",
        "The chunk's SHA-256 does not match its header; send it again.",
        { offset: start },
      );
    }
    const offset = start + written;
    wholeSoFar.delete(upload.id);
    if (whole) wholeSoFar.set(upload.id, { offset, hash: whole });
    // Abandoned uploads must not pile up: the oldest state goes (its upload re-reads).
    if (wholeSoFar.size > 1000) wholeSoFar.delete(wholeSoFar.keys().next().value as string);
    await deps.db.prisma.upload.update({
      where: { id: upload.id },
      data: { received: BigInt(offset) },
    });
    if (offset < Number(upload.length))
      return sendJson(res, 200, state(upload.id, offset, upload.length, false));
    return finish(res, upload, file);
  }

  async function finish(
    res: ServerResponse,
    upload: { id: string; length: bigint; sha256: string; crashId: string | null },
    file: string,
  ) {
    const kept = wholeSoFar.get(upload.id);
    wholeSoFar.delete(upload.id);
    let digest: string;
    if (kept?.offset === Number(upload.length)) digest = kept.hash.digest("hex");
    else {
      const whole = createHash("sha256");
      for await (const chunk of createReadStream(file)) whole.update(chunk as Buffer);
      digest = whole.digest("hex");
    }
    if (digest !== upload.sha256) {
      await rm(file, { force: true });
      await deps.db.prisma.upload.update({ where: { id: upload.id }, data: { received: 0n } });
      return fail(
        res,
        422,
        "sha256_mismatch",
        "The whole file's SHA-256 differs from the one declared; start the upload again.",
        { offset: 0 },
      );
    }
    const key = await deps.blobs.adoptFile(file, upload.sha256);
    await deps.db.prisma.upload.update({
      where: { id: upload.id },
      data: { completedAt: new Date(), blob: key, received: upload.length },
    });
    if (upload.crashId) {
      // One dump serves every report of that log (a log may hold several).
      const crash = await deps.db.prisma.crash.findUniqueOrThrow({
        where: { id: upload.crashId },
        select: { hostId: true, bootId: true, source: true, contentHash: true },
      });
      await deps.db.prisma.crash.updateMany({
        where: crash,
        data: { vmcoreBlob: key, vmcoreBytes: upload.length },
      });
    }
    deps.logger.info({ uploadId: upload.id, bytes: Number(upload.length) }, "upload complete");
    return sendJson(res, 200, state(upload.id, Number(upload.length), upload.length, true));
  }

  return { create, status, putChunk };
}
