export { dryRunRunner } from "./dry-run";
export { execRunner } from "./exec";
export { type RecordingRunner, recordingRunner, type Replies, type Reply } from "./recording";
export type { CommandRunner, RunOptions } from "./types";
export { toolRun } from "./types";
