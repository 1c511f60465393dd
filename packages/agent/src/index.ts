/** The agent as a library: what tests (and later a real-server test suite) drive. */
export { type AgentClient, createClient, serverUrlFor } from "./client";
export { main as runCli } from "./cli/main";
export type { CliIo } from "./cli/types";
export {
  type AgentConfig,
  type AgentConfigInput,
  agentConfigSchema,
  envName,
  loadConfig,
  parseConfig,
} from "./config";
export { collectFacts } from "./facts/collect";
export { factsHash, VOLATILE_FACTS } from "./facts/hash";
export { HANDLERS } from "./handlers";
export { createLogger, type Logger, silentLogger } from "./log";
export { NotEnrolledError, type RunningAgent, type StartOptions, startAgent } from "./loop";
export * from "./runner";
export { SseParser } from "./sse";
export { statePaths } from "./state/paths";
export { appliedRevisionForBoot, netnsRunner, TcService } from "./tc";
export type { AgentStatus } from "./state/status";
export { AGENT_VERSION } from "./version";
