import {
  AGENT_PATHS,
  CHUNK_SHA256_HEADER,
  type UploadCreate,
  type UploadState,
  uploadStateSchema,
} from "@fleetdeck/protocol";
import { z } from "zod";
import type { ServerApi } from "../api";
import type { HttpReply } from "../client";
import { sha256Hex } from "../crash/key";
import { errorMessage } from "../log";

export type Outcome<T> =
  | { kind: "ok"; value: T }
  /** 409: the server holds a different offset; go on from it. */
  | { kind: "conflict"; offset: number }
  | { kind: "too-large"; message: string }
  /** 404: the server forgot the upload (expired, or never had it). */
  | { kind: "gone" }
  /** Network, 408, 429, 5xx: try again later. */
  | { kind: "retry"; reason: string }
  | { kind: "refused"; status: number; message: string };

const conflictSchema = z.object({ offset: z.number().int().min(0) });
/** A chunk on a slow link: the request timeout plus this floor rate. */
const SLOW_LINK_BYTES_PER_SECOND = 64 * 1024;

/** The resumable-upload calls of protocol/crash.ts, each signed over its exact body. */
export class UploadApi {
  constructor(
    private readonly api: ServerApi,
    private readonly requestTimeoutMs: number,
  ) {}

  async create(body: UploadCreate, signal: AbortSignal): Promise<Outcome<UploadState>> {
    const bytes = Buffer.from(JSON.stringify(body));
    return required(
      await this.call("POST", AGENT_PATHS.uploads, signal, {
        body: bytes,
        headers: { "content-type": "application/json" },
      }),
    );
  }

  async state(uploadId: string, signal: AbortSignal): Promise<Outcome<UploadState>> {
    return required(await this.call("GET", `${AGENT_PATHS.uploads}/${uploadId}`, signal, {}));
  }

  /** The reply's state when the server sends one (null for an empty 2xx). */
  put(
    uploadId: string,
    offset: number,
    chunk: Buffer,
    signal: AbortSignal,
    sha256 = sha256Hex(chunk),
  ): Promise<Outcome<UploadState | null>> {
    const path = `${AGENT_PATHS.uploads}/${uploadId}?offset=${offset}`;
    return this.call("PUT", path, signal, {
      body: chunk,
      headers: {
        "content-type": "application/octet-stream",
        [CHUNK_SHA256_HEADER]: sha256,
      },
      timeoutMs:
        this.requestTimeoutMs + Math.ceil((chunk.length / SLOW_LINK_BYTES_PER_SECOND) * 1000),
    });
  }

  private async call(
    method: "GET" | "POST" | "PUT",
    path: string,
    signal: AbortSignal,
    options: { body?: Buffer; headers?: Record<string, string>; timeoutMs?: number },
  ): Promise<Outcome<UploadState | null>> {
    let reply: HttpReply;
    try {
      reply = await this.api.client.request(method, path, { ...options, signal });
    } catch (error) {
      return { kind: "retry", reason: errorMessage(error) };
    }
    this.api.observe(reply.status, path);
    return outcomeOf(reply);
  }
}

/** A 2xx whose body is not an upload state. */
function required(outcome: Outcome<UploadState | null>): Outcome<UploadState> {
  if (outcome.kind !== "ok") return outcome;
  if (outcome.value !== null) return { kind: "ok", value: outcome.value };
  return { kind: "refused", status: 200, message: "the server's upload state is malformed" };
}

function outcomeOf(reply: HttpReply): Outcome<UploadState | null> {
  const { status } = reply;
  if (status >= 200 && status < 300) {
    const state = uploadStateSchema.safeParse(reply.json);
    return { kind: "ok", value: state.success ? state.data : null };
  }
  if (status === 409) {
    const conflict = conflictSchema.safeParse(reply.json);
    if (conflict.success) return { kind: "conflict", offset: conflict.data.offset };
    return { kind: "retry", reason: "409 without an offset" };
  }
  if (status === 413) return { kind: "too-large", message: messageOf(reply) };
  if (status === 404) return { kind: "gone" };
  if (status === 408 || status === 429 || status >= 500)
    return { kind: "retry", reason: `HTTP ${status}` };
  return { kind: "refused", status, message: messageOf(reply) };
}

function messageOf(reply: HttpReply): string {
  const body = reply.json as { message?: unknown; error?: unknown } | null;
  const text = body?.message ?? body?.error;
  return typeof text === "string" ? text.slice(0, 300) : reply.text.slice(0, 300);
}
