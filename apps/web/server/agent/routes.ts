import type { IncomingMessage, ServerResponse } from "node:http";
import {
  AppError,
  type BlobStore,
  type CommandSigner,
  enrollHost,
  receiveCrash,
  acknowledgeCommands,
  type HostAck,
  type HostResult,
  recordCommandResults,
  recordTcStatus,
  storeFacts,
} from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import {
  AGENT_PATHS,
  commandAckSchema,
  commandResultSchema,
  crashUploadSchema,
  enrollRequestSchema,
  heartbeatRequestSchema,
  PROTOCOL_VERSION,
} from "@fleetdeck/protocol";
import type { z } from "zod";
import { sendJson } from "../http/handler";
import type { Logger } from "../logger";
import { authenticate } from "./authenticate";
import { Batcher } from "./batcher";
import { Gate } from "./gate";
import type { HeartbeatWriter } from "./heartbeats";
import { HostCache } from "./host-cache";
import { NonceGuard } from "./nonce-guard";
import { BodyTooLarge, readBody } from "./read-body";
import type { StreamHub } from "./stream-hub";
import { createUploadHandlers } from "./uploads";

const SMALL = 64 * 1024;
const LARGE = 8 * 1024 * 1024;

export interface AgentApiDeps {
  db: Db;
  signer: CommandSigner;
  hub: StreamHub;
  heartbeats: HeartbeatWriter;
  hosts: HostCache;
  logger: Logger;
  heartbeatIntervalSeconds: number;
  blobs: BlobStore;
  uploadsDir: string;
  uploadMaxBytes: number;
}

const fail = (res: ServerResponse, status: number, problem: string, message: string) =>
  sendJson(res, status, { error: { problem, message } });

function parse<S extends z.ZodType>(
  schema: S,
  body: Buffer,
): { ok: true; data: z.infer<S> } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return { ok: false, message: "The body is not valid JSON." };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
  };
}

const COMMAND_PATH = /^\/api\/agent\/v1\/commands\/([0-9a-f-]{36})\/(ack|result)$/;
const UPLOAD_PATH = /^\/api\/agent\/v1\/uploads\/([0-9a-f-]{36})$/;

/** The agent's HTTP API: enrollment, heartbeats, the command stream, acks and results. */
export function createAgentApi(deps: AgentApiDeps) {
  const nonces = new NonceGuard(deps.db);
  // Acks and results from a fleet arrive in bursts: one statement per few milliseconds.
  const acks = new Batcher<HostAck, boolean>((items) => acknowledgeCommands(deps.db, items));
  const results = new Batcher<HostResult, boolean>((items) => recordCommandResults(deps.db, items));
  const heavy = new Gate(Math.max(1, Math.floor((deps.db.pool.options.max ?? 10) / 2)));
  const { hosts } = deps;
  const uploads = createUploadHandlers({
    ...deps,
    nonces,
    dir: deps.uploadsDir,
    maxBytes: deps.uploadMaxBytes,
  });
  /** The last tc status each host reported: written to the database only when it changes. */
  const lastTc = new Map<string, string>();

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? "GET";
    const upload = UPLOAD_PATH.exec(path);
    // Chunks stream to disk; they are never read into memory like the other bodies.
    if (upload && method === "PUT") {
      const offset = Number(url.searchParams.get("offset"));
      if (!Number.isSafeInteger(offset) || offset < 0)
        return fail(res, 400, "bad_request", "offset must be a byte position.");
      return uploads.putChunk(req, res, upload[1] as string, offset);
    }
    let body: Buffer;
    try {
      body = await readBody(
        req,
        path.endsWith("/result") ? LARGE : path === AGENT_PATHS.heartbeat ? LARGE : SMALL,
      );
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return fail(res, 413, "too_large", "The request body is too large.");
      throw error;
    }

    if (path === AGENT_PATHS.enroll && method === "POST") return enroll(req, res, body);

    const auth = await authenticate(req, body, hosts, nonces);
    if (!auth.ok) return fail(res, auth.status, auth.problem, auth.message);
    const host = auth.host;

    if (path === AGENT_PATHS.stream && method === "GET") return deps.hub.attach(host.id, res);

    if (path === AGENT_PATHS.heartbeat && method === "POST") {
      const beat = parse(heartbeatRequestSchema, body);
      if (!beat.ok) return fail(res, 400, "bad_request", beat.message);
      if (beat.data.facts) {
        const { facts, factsHash } = beat.data;
        await heavy.run(() => storeFacts(deps.db, host.id, facts, factsHash));
        hosts.setFactsHash(host.id, beat.data.factsHash);
      }
      const tc = beat.data.tc ? JSON.stringify(beat.data.tc) : null;
      if (beat.data.tc && tc !== lastTc.get(host.id)) {
        const status = beat.data.tc;
        await heavy.run(() => recordTcStatus(deps.db, host.id, host.organizationId, status));
        lastTc.set(host.id, tc as string);
      }
      deps.heartbeats.record({
        hostId: host.id,
        at: new Date(),
        seq: beat.data.seq,
        bootId: beat.data.bootId,
        agentVersion: beat.data.agentVersion,
        dryRun: beat.data.dryRun,
      });
      const known = beat.data.facts ? beat.data.factsHash : host.factsHash;
      return sendJson(res, 200, {
        version: PROTOCOL_VERSION,
        serverTime: Date.now(),
        sendFacts: known !== beat.data.factsHash,
        heartbeatIntervalSeconds: deps.heartbeatIntervalSeconds,
      });
    }

    if (path === AGENT_PATHS.crashes && method === "POST") {
      const crash = parse(crashUploadSchema, body);
      if (!crash.ok) return fail(res, 400, "bad_request", crash.message);
      return sendJson(res, 200, await receiveCrash(deps.db, deps.blobs, host, crash.data));
    }
    if (path === AGENT_PATHS.uploads && method === "POST") return uploads.create(res, body, host);
    if (upload && method === "GET") return uploads.status(res, upload[1] as string, host.id);

    const match = COMMAND_PATH.exec(path);
    if (match && method === "POST") {
      const [, id, kind] = match as unknown as [string, string, "ack" | "result"];
      if (kind === "ack") {
        const ack = parse(commandAckSchema, body);
        if (!ack.ok) return fail(res, 400, "bad_request", ack.message);
        const found = await acks.add({ hostId: host.id, id, state: ack.data.state });
        return found
          ? sendJson(res, 200, { ok: true })
          : fail(res, 404, "not_found", "No such command for this host.");
      }
      const result = parse(commandResultSchema, body);
      if (!result.ok) return fail(res, 400, "bad_request", result.message);
      const found = await results.add({ hostId: host.id, id, result: result.data });
      return found
        ? sendJson(res, 200, { ok: true })
        : fail(res, 404, "not_found", "No such command for this host.");
    }
    return fail(res, 404, "not_found", `No agent endpoint ${method} ${path}.`);
  }

  async function enroll(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const request = parse(enrollRequestSchema, body);
    if (!request.ok) return fail(res, 400, "bad_request", request.message);
    try {
      const ip = (req.headers["x-fleetdeck-client-ip"] as string | undefined) ?? null;
      const host = await enrollHost(deps.db, request.data, ip);
      deps.logger.info(
        { hostId: host.hostId, possibleCloneOf: host.possibleCloneOf },
        "host enrolled",
      );
      return sendJson(res, 201, {
        version: PROTOCOL_VERSION,
        hostId: host.hostId,
        serverPublicKey: deps.signer.publicKey,
        heartbeatIntervalSeconds: deps.heartbeatIntervalSeconds,
        labels: host.labels,
        possibleCloneOf: host.possibleCloneOf,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const status = error.code === "UNAUTHORIZED" ? 401 : error.code === "CONFLICT" ? 409 : 400;
      return fail(res, status, error.code.toLowerCase(), error.message);
    }
  }

  return { handle, hosts };
}

export { HostCache };
