import type { DiagnosticsBundle } from "@fleetdeck/protocol";
import { CodeBlock } from "@/components/ui/code-block";
import { formatDateTime } from "@/lib/time";

interface CommandView {
  state: string;
  type: string;
  output: unknown;
  stderr: string | null;
  error: string | null;
  exitCode: number | null;
  deliveredAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date;
}

function Steps({ command }: { command: CommandView }) {
  const steps = [
    ["delivered", command.deliveredAt],
    ["started", command.startedAt],
    ["finished", command.finishedAt],
  ] as const;
  return (
    <p className="text-xs text-muted">
      {steps
        .map(([name, at]) => (at ? `${name} ${formatDateTime(at)}` : null))
        .filter(Boolean)
        .join(" · ") || `waiting for the agent (expires ${formatDateTime(command.expiresAt)})`}
    </p>
  );
}

function Diagnostics({ bundle }: { bundle: DiagnosticsBundle }) {
  return (
    <div className="space-y-3">
      <CodeBlock label="uname" code={bundle.uname} />
      {Object.entries(bundle.tc).map(([dev, tc]) => (
        <CodeBlock
          key={dev}
          label={`tc -s -j qdisc show dev ${dev}`}
          code={tc.qdisc.stdout || tc.qdisc.error || tc.qdisc.stderr || "(empty)"}
        />
      ))}
      <CodeBlock
        label="ip -j link"
        code={bundle.ipLink.stdout || bundle.ipLink.error || "(empty)"}
      />
      <CodeBlock
        label={`kernel log (last ${bundle.kernelLog.length} lines)`}
        code={bundle.kernelLog.join("\n") || "(empty)"}
        className="max-h-72 overflow-auto"
      />
      <p className="text-xs text-muted">
        {bundle.modules.length} modules loaded · kdump {bundle.kdump.armed ? "armed" : "not armed"}{" "}
        · {bundle.pstore.length} pstore records
      </p>
    </div>
  );
}

/** The structured result of a command, shaped by its type. */
export function CommandResultView({ command }: { command: CommandView }) {
  return (
    <div className="mt-3 space-y-3">
      <Steps command={command} />
      {command.error ? <p className="text-sm text-danger">{command.error}</p> : null}
      {command.type === "diagnostics.collect" && command.output ? (
        <Diagnostics bundle={command.output as DiagnosticsBundle} />
      ) : command.output ? (
        <CodeBlock
          label="output"
          code={JSON.stringify(command.output, null, 2)}
          className="max-h-96 overflow-auto"
        />
      ) : null}
      {command.stderr ? (
        <CodeBlock
          label={`stderr${command.exitCode !== null ? ` (exit ${command.exitCode})` : ""}`}
          code={command.stderr}
        />
      ) : null}
    </div>
  );
}
