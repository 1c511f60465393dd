import { loadConfig } from "../config";
import { createLogger } from "../log";
import { AlreadyRunningError, NotEnrolledError, startAgent } from "../loop";
import { type CliCommand, CliError, EXIT_OK } from "./types";

export const runCommand: CliCommand = {
  summary: "run the agent daemon (what the systemd unit starts)",
  usage: "run",
  options: {},
  async run({ configPath, io }) {
    const config = loadConfig({ path: configPath, env: io.env });
    const log = createLogger(config.logLevel);
    let agent: Awaited<ReturnType<typeof startAgent>>;
    try {
      agent = await startAgent(config, { log });
    } catch (error) {
      if (error instanceof NotEnrolledError || error instanceof AlreadyRunningError)
        throw new CliError(error.message);
      throw error;
    }
    await io.untilStopped();
    await agent.stop();
    return EXIT_OK;
  },
};
