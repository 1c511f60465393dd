import { loadConfig } from "../config";
import { statePaths } from "../state/paths";
import { buildStatusReport, type StatusReport } from "./status-report";
import { type CliCommand, EXIT_OK } from "./types";

const when = (ms: number | null) => (ms === null ? "never" : new Date(ms).toISOString());

export function formatStatus(r: StatusReport): string[] {
  const lines: string[] = [];
  if (!r.enrollment) {
    lines.push(`enrolled:       no (state dir ${r.stateDir})`);
    lines.push("                run: fleetdeck-agent enroll --server URL --token TOKEN");
  } else {
    lines.push(
      `enrolled:       yes, host ${r.enrollment.hostId} since ${when(r.enrollment.enrolledAt)}`,
    );
    lines.push(`server:         ${r.daemon?.serverUrl ?? r.enrollment.serverUrl}`);
    if (r.enrollment.possibleCloneOf)
      lines.push(`warning:        possible clone of host ${r.enrollment.possibleCloneOf}`);
  }
  const d = r.daemon;
  if (!d?.alive) {
    lines.push(`daemon:         not running${d ? ` (last seen ${when(d.updatedAt)})` : ""}`);
  } else {
    const since = d.connectedSince ? ` since ${when(d.connectedSince)}` : "";
    lines.push(
      `daemon:         running (pid ${d.pid})${d.dryRun ? ", DRY-RUN: tools are not executed" : ""}`,
    );
    lines.push(`connection:     ${d.connection}${since}`);
    if (d.revokedAt) lines.push(`revoked:        the server answered 401 at ${when(d.revokedAt)}`);
  }
  if (d) {
    const hb = d.heartbeat;
    const result =
      hb.lastOk === null ? "" : hb.lastOk ? " ok" : ` FAILED (${hb.lastError ?? hb.lastStatus})`;
    lines.push(`last heartbeat: ${when(hb.lastAt)}${result}, every ${hb.intervalSeconds} s`);
  }
  lines.push(`outbox:         ${r.outbox.queued} queued, ${r.outbox.dropped} dropped`);
  if (d)
    lines.push(
      `since start:    ${d.commands.executed} commands run, ${d.commands.rejected} refused`,
    );
  lines.push(r.recentCommands.length === 0 ? "commands:       none yet" : "recent commands:");
  for (const c of r.recentCommands) {
    const why = c.rejection ?? c.error ?? "";
    lines.push(
      `  ${when(c.startedAt)}  ${c.type.padEnd(20)} ${c.state.padEnd(9)} ${c.id}${why ? `  ${why}` : ""}`,
    );
  }
  return lines;
}

export const statusCommand: CliCommand = {
  summary: "show enrollment, connection, heartbeat, outbox and recent commands",
  usage: "status [--json]",
  options: { json: { type: "boolean" } },
  async run({ values, configPath, io }) {
    const config = loadConfig({ path: configPath, env: io.env });
    const report = await buildStatusReport(statePaths(config.stateDir));
    if (values.json === true) io.stdout(JSON.stringify(report, null, 2));
    else for (const line of formatStatus(report)) io.stdout(line);
    return EXIT_OK;
  },
};
