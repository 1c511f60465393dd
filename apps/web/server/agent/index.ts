import type { BlobStore, CommandSigner } from "@fleetdeck/api";
import type { Db } from "@fleetdeck/db";
import type { RouteHandler } from "../http/handler";
import type { Logger } from "../logger";
import { HeartbeatWriter } from "./heartbeats";
import { HostCache } from "./host-cache";
import { createAgentApi } from "./routes";
import { StreamHub } from "./stream-hub";
import { startSweeper } from "./sweeper";

export interface AgentApiOptions {
  db: Db;
  databaseUrl: string;
  signer: CommandSigner;
  logger: Logger;
  heartbeatSeconds: number;
  blobs: BlobStore;
  uploadsDir: string;
  uploadMaxBytes: number;
}

/** The agent API and the background work it needs: streams, heartbeat writes, the sweeper. */
export async function startAgentApi(options: AgentApiOptions) {
  const { db, logger, heartbeatSeconds } = options;
  const hosts = new HostCache(db);
  const hub = new StreamHub(db, options.databaseUrl, hosts, logger, heartbeatSeconds);
  await hub.start();
  const heartbeats = new HeartbeatWriter(db, logger);
  const stopSweeper = startSweeper(db, logger, heartbeatSeconds);
  const api = createAgentApi({
    ...options,
    hub,
    heartbeats,
    hosts,
    heartbeatIntervalSeconds: heartbeatSeconds,
  });
  const handler: RouteHandler = (req, res, url) => api.handle(req, res, url);
  return {
    handler,
    hub,
    async stop() {
      stopSweeper();
      await hub.stop();
      await heartbeats.stop();
    },
  };
}
