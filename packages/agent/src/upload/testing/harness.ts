import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { generateKeyPair } from "@fleetdeck/protocol";
import { ServerApi } from "../../api";
import { Backoff } from "../../backoff";
import { createClient } from "../../client";
import { silentLogger } from "../../log";
import { initialStatus, StatusBoard } from "../../state/status";
import { FakeServer } from "../../testing/fake-server";
import { tempDir } from "../../testing/fixtures";
import { UploadApi } from "../api";
import { FakeUploads } from "./fake-uploads";

/** A fake server with the upload endpoints, one host known to it, and its signed client. */
export async function uploadHarness() {
  const endpoints = new FakeUploads();
  const server = new FakeServer({ routes: endpoints.route });
  await server.start();
  const keys = generateKeyPair();
  const hostId = randomUUID();
  server.hosts.set(hostId, {
    id: hostId,
    publicKey: keys.publicKey,
    machineId: "m",
    revoked: false,
  });
  const { dir, cleanup } = await tempDir("fleetdeck-upload-");
  const client = createClient({ serverUrl: server.url, hostId, keys, requestTimeoutMs: 5_000 });
  const board = new StatusBoard(join(dir, "status.json"), initialStatus(hostId, server.url, false));
  const api = new ServerApi(client, board, silentLogger, 1);
  return {
    server,
    endpoints,
    dir,
    api: new UploadApi(api, 5_000),
    backoff: () => new Backoff({ minMs: 5, maxMs: 20 }),
    cleanup: async () => {
      client.close();
      await server.stop();
      await cleanup();
    },
  };
}
