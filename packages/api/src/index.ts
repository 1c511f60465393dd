export type { Context } from "./context";
export { AppError, type AppErrorCode } from "./errors";
export { type AppRouter, appRouter, createCaller } from "./root";
export { VERSION } from "./version";
export {
  getViewerBySessionToken,
  type Viewer,
  type ViewerMembership,
} from "./viewer/viewer.service";
export { type Beat, flushBeats, markSilentHostsOffline } from "./agent-api/liveness.service";
export { claimNonces, pruneNonces } from "./agent-api/nonce.service";
export { enrollHost, storeFacts } from "./agent-api/enroll.service";
export { factsHash } from "./agent-api/facts";
export { type CommandSigner, commandSignerFrom } from "./fleet/command-signer";
export {
  acknowledgeCommand,
  acknowledgeCommands,
  type HostAck,
  COMMANDS_CHANNEL,
  enqueueCommand,
  expireCommands,
  pendingCommands,
  type HostResult,
  recordCommandResult,
  recordCommandResults,
} from "./fleet/commands.service";
export { HOSTS_CHANNEL, hostChanges } from "./fleet/hosts.service";
export { createEnrollmentToken } from "./fleet/enrollment-tokens.service";
export { type BlobStore, FileBlobStore } from "./blobs/blob-store";
export { type IncomingCrashLog, ingestCrashLog } from "./crashes/ingest.service";
export { recordTcStatus } from "./agent-api/tc-status.service";
export { receiveCrash } from "./agent-api/crash-intake.service";
export { type EngineDeps, stepRollout } from "./rollouts/engine/step";
export { ROLLOUTS_CHANNEL } from "./rollouts/events";
export { sendWebhooks } from "./rollouts/webhooks";
