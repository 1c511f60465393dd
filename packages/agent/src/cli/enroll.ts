import { rm } from "node:fs/promises";
import { generateKeyPair, type Labels, labelsSchema } from "@fleetdeck/protocol";
import { loadConfig } from "../config";
import { FactsSource } from "../facts/source";
import { silentLogger } from "../log";
import { runnerFor } from "../loop";
import { readEnrollment, writeIdentity } from "../state/identity";
import { statePaths } from "../state/paths";
import { requestEnrollment } from "./enroll-request";
import { type CliCommand, CliError, EXIT_OK, EXIT_USAGE } from "./types";

export function parseLabels(text: string | undefined): Labels {
  if (!text) return {};
  const entries = text.split(",").map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError(`--labels: "${pair}" is not key=value`, EXIT_USAGE);
    return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
  });
  for (const [key, value] of entries as [string, string][]) {
    // Checked one by one so the message names the label (a record error names none).
    const problem =
      labelsSchema.keyType.safeParse(key).error ?? labelsSchema.valueType.safeParse(value).error;
    if (problem)
      throw new CliError(`--labels: "${key}=${value}": ${problem.issues[0]?.message}`, EXIT_USAGE);
  }
  return labelsSchema.parse(Object.fromEntries(entries));
}

export const enrollCommand: CliCommand = {
  summary: "register this host with a Fleetdeck server",
  usage: "enroll --server URL --token TOKEN [--labels k=v,...] [--force]",
  options: {
    server: { type: "string" },
    token: { type: "string" },
    labels: { type: "string" },
    force: { type: "boolean" },
  },
  async run({ values, configPath, io }) {
    const config = loadConfig({ path: configPath, env: io.env });
    const server = (values.server as string | undefined) ?? config.serverUrl;
    const token = values.token as string | undefined;
    if (!server) throw new CliError("enroll needs --server URL", EXIT_USAGE);
    if (!token) throw new CliError("enroll needs --token TOKEN", EXIT_USAGE);
    if (!URL.canParse(server) || !/^https?:$/.test(new URL(server).protocol))
      throw new CliError(`--server: "${server}" is not an http(s) URL`, EXIT_USAGE);
    const labels = parseLabels(values.labels as string | undefined);
    const paths = statePaths(config.stateDir);
    const existing = await readEnrollment(paths);
    if (existing && values.force !== true)
      throw new CliError(
        `already enrolled as host ${existing.hostId} with ${existing.serverUrl}; --force enrolls again as a new host`,
      );
    const facts = await new FactsSource(config, runnerFor(config, silentLogger)).collect(true);
    if (facts.machineId.length < 8)
      throw new CliError(`cannot read a machine id from ${config.machineIdPath}`);
    const keys = generateKeyPair();
    const reply = await requestEnrollment({
      server,
      token,
      publicKey: keys.publicKey,
      facts,
      labels,
      timeoutMs: config.requestTimeoutSeconds * 1000,
    });
    // Reports queued for a previous identity could never be accepted under the new one.
    await rm(paths.outbox, { recursive: true, force: true });
    await rm(paths.status, { force: true });
    await writeIdentity(paths, {
      keys: { v: 1, ...keys },
      enrollment: {
        v: 1,
        hostId: reply.hostId,
        serverUrl: server,
        serverPublicKey: reply.serverPublicKey,
        heartbeatIntervalSeconds: reply.heartbeatIntervalSeconds,
        labels: reply.labels,
        possibleCloneOf: reply.possibleCloneOf,
        enrolledAt: Date.now(),
      },
    });
    io.stdout(`enrolled as host ${reply.hostId} with ${server}`);
    const shown = Object.entries(reply.labels).map(([k, v]) => `${k}=${v}`);
    if (shown.length > 0) io.stdout(`labels: ${shown.join(",")}`);
    if (reply.possibleCloneOf)
      io.stderr(
        `warning: another host (${reply.possibleCloneOf}) enrolled with the same machine-id; if this machine is a clone, regenerate /etc/machine-id`,
      );
    io.stdout("next: systemctl enable --now fleetdeck-agent");
    return EXIT_OK;
  },
};
