import { createHash, type Hash, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import {
  AGENT_PATHS,
  CHUNK_SHA256_HEADER,
  type UploadState,
  uploadCreateSchema,
} from "@fleetdeck/protocol";
import type { FakeRequest } from "../../testing/fake-server";

export interface FakeUpload {
  id: string;
  crashId: string;
  hostId: string;
  length: number;
  sha256: string;
  offset: number;
  complete: boolean;
  /** The whole-file hash did not match at the end. */
  mismatch: boolean;
  hash: Hash;
  /** Received bytes, kept only while small (tests compare them). */
  data: Buffer[] | null;
  /** Every PUT: offset asked, bytes sent, status answered (0: connection cut). */
  puts: { offset: number; bytes: number; status: number }[];
}

/** What a test may do to one PUT before it is handled. */
export type ChunkAction = "handle" | "cut-before" | "cut-after";

const KEEP_DATA_BYTES = 64 * 1024 * 1024;

/**
 * The resumable-upload API of protocol/crash.ts, for tests and the benchmark: checks each
 * chunk's SHA-256 header and offset, hashes as it goes (a 1 GiB upload is never held),
 * and lets a test cut the connection around a chunk.
 */
export class FakeUploads {
  readonly uploads = new Map<string, FakeUpload>();
  maxBytes = Number.POSITIVE_INFINITY;
  chunkBytes = 8 * 1024 * 1024;
  beforeChunk: (upload: FakeUpload, offset: number) => ChunkAction = () => "handle";
  /** Called after each committed chunk (tests abort the agent from here). */
  afterChunk: (upload: FakeUpload) => void = () => {};

  readonly route = (req: FakeRequest, res: ServerResponse): boolean => {
    const base = AGENT_PATHS.uploads;
    if (req.method === "POST" && req.path === base) return this.create(req, res);
    const m = req.path.match(/^\/api\/agent\/v1\/uploads\/([0-9a-f-]{36})(?:\?offset=(\d+))?$/);
    if (!m?.[1]) return false;
    const upload = this.uploads.get(m[1]);
    if (!upload || upload.hostId !== req.hostId) return send(res, 404, { error: "no such upload" });
    if (req.method === "GET" && m[2] === undefined) return send(res, 200, this.state(upload));
    if (req.method === "PUT" && m[2] !== undefined) return this.put(upload, Number(m[2]), req, res);
    return false;
  };

  /** sha256 of what the server holds, when it kept the bytes. */
  receivedSha256(upload: FakeUpload): string | null {
    if (!upload.data) return null;
    return createHash("sha256").update(Buffer.concat(upload.data)).digest("hex");
  }

  private create(req: FakeRequest, res: ServerResponse): boolean {
    const body = uploadCreateSchema.parse(JSON.parse(req.body.toString("utf8")));
    if (body.length > this.maxBytes) return send(res, 413, { error: "vmcore over the size limit" });
    const upload: FakeUpload = {
      id: randomUUID(),
      crashId: body.crashId,
      hostId: req.hostId,
      length: body.length,
      sha256: body.sha256,
      offset: 0,
      complete: false,
      mismatch: false,
      hash: createHash("sha256"),
      data: body.length <= KEEP_DATA_BYTES ? [] : null,
      puts: [],
    };
    this.uploads.set(upload.id, upload);
    return send(res, 201, this.state(upload));
  }

  private put(upload: FakeUpload, offset: number, req: FakeRequest, res: ServerResponse) {
    const action = this.beforeChunk(upload, offset);
    const answer = (status: number, body: unknown) => {
      upload.puts.push({ offset, bytes: req.body.length, status });
      return send(res, status, body);
    };
    if (action === "cut-before") {
      upload.puts.push({ offset, bytes: req.body.length, status: 0 });
      return cut(res);
    }
    if (offset !== upload.offset) return answer(409, { offset: upload.offset });
    if (offset + req.body.length > Math.min(upload.length, this.maxBytes))
      return answer(413, { error: "past the upload's length" });
    const sha = createHash("sha256").update(req.body).digest("hex");
    if (req.headers[CHUNK_SHA256_HEADER] !== sha) return answer(400, { error: "chunk sha256" });
    upload.hash.update(req.body);
    upload.data?.push(Buffer.from(req.body));
    upload.offset += req.body.length;
    if (upload.offset === upload.length) {
      upload.complete = upload.hash.digest("hex") === upload.sha256;
      upload.mismatch = !upload.complete;
    }
    this.afterChunk(upload);
    if (action === "cut-after") {
      upload.puts.push({ offset, bytes: req.body.length, status: 0 });
      return cut(res);
    }
    if (upload.mismatch) return answer(422, { error: "sha256 mismatch" });
    return answer(200, this.state(upload));
  }

  private state(upload: FakeUpload): UploadState {
    const { id: uploadId, offset, length, complete } = upload;
    return { uploadId, offset, length, complete, chunkBytes: this.chunkBytes };
  }
}

function send(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  return true;
}

/** The connection dies mid-exchange, as when the network drops. */
function cut(res: ServerResponse): true {
  res.socket?.destroy();
  return true;
}
