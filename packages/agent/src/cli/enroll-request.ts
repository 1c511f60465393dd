import {
  AGENT_PATHS,
  type EnrollResponse,
  enrollResponseSchema,
  type HostFacts,
  type Labels,
} from "@fleetdeck/protocol";
import { parseJson, serverUrlFor } from "../client";
import { errorMessage } from "../log";
import { exchange } from "../transport";
import { CliError } from "./types";

export interface EnrollCall {
  server: string;
  token: string;
  publicKey: string;
  facts: HostFacts;
  labels: Labels;
  timeoutMs: number;
}

/**
 * `POST /api/agent/v1/enroll`, unsigned (the host has no identity yet; the token is the
 * proof). `labels` is not in the protocol's enrollRequestSchema: it is sent as an extra
 * field that a server which does not read it strips.
 */
export async function requestEnrollment(call: EnrollCall): Promise<EnrollResponse> {
  const { url } = serverUrlFor(call.server, AGENT_PATHS.enroll);
  const body = {
    version: 1,
    token: call.token,
    publicKey: call.publicKey,
    machineId: call.facts.machineId,
    facts: call.facts,
    ...(Object.keys(call.labels).length > 0 ? { labels: call.labels } : {}),
  };
  let reply: { status: number; text: string };
  try {
    reply = await exchange({
      url,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.from(JSON.stringify(body)),
      timeoutMs: call.timeoutMs,
    });
  } catch (error) {
    throw new CliError(
      `cannot reach the Fleetdeck server at ${call.server}: ${errorMessage(error)}`,
    );
  }
  const json = parseJson(reply.text);
  if (reply.status === 401)
    throw new CliError(
      "the server refused the enrollment token: it is unknown, expired or already used (ask an admin for a new one)",
    );
  if (reply.status !== 201 && reply.status !== 200)
    throw new CliError(`enrollment failed: HTTP ${reply.status}: ${describe(json, reply.text)}`);
  const parsed = enrollResponseSchema.safeParse(json);
  if (!parsed.success)
    throw new CliError(`enrollment failed: the server's reply is not a v1 enroll response`);
  return parsed.data;
}

function describe(json: unknown, text: string): string {
  if (json && typeof json === "object") {
    const { message, error } = json as { message?: unknown; error?: unknown };
    if (typeof message === "string") return message;
    if (typeof error === "string") return error;
  }
  return text.slice(0, 300) || "no details";
}
