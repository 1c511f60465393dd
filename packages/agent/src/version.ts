/** Reported in facts, heartbeats and `--version`; a test keeps it equal to package.json. */
export const AGENT_VERSION = "0.1.0";
