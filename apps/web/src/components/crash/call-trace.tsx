import type { CrashReport } from "@fleetdeck/crash";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";

/** The call trace: the guilty frame highlighted, modules as badges, unreliable `?` frames dimmed. */
export function CallTrace({ report }: { report: CrashReport }) {
  const guilty = report.function;
  const frames = report.rip ? [report.rip, ...report.frames] : report.frames;
  if (frames.length === 0)
    return <p className="text-sm text-muted">This report printed no call trace.</p>;
  return (
    <ol
      className="overflow-x-auto rounded-lg border border-border bg-surface py-2 font-mono text-[13px]"
      aria-label="Call trace"
    >
      {frames.map((frame, index) => {
        const isGuilty = frame.function !== null && frame.function === guilty && frame.reliable;
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: frames repeat (recursion), their position is the identity
            key={index}
            className={cn(
              "flex items-center gap-2 px-4 py-0.5 whitespace-nowrap",
              isGuilty && "bg-danger-soft font-semibold text-danger",
              !frame.reliable && "text-faint",
            )}
            aria-current={isGuilty ? "true" : undefined}
          >
            <span className="w-6 text-right text-faint">
              {index === 0 && report.rip ? "RIP" : index}
            </span>
            {!frame.reliable ? <span title="unreliable frame (printed with ?)">?</span> : null}
            <span>{frame.symbol ?? frame.address ?? "(unknown)"}</span>
            {frame.offset ? (
              <span className="text-muted">
                +{frame.offset}
                {frame.size ? `/${frame.size}` : ""}
              </span>
            ) : null}
            {frame.module ? (
              <Badge tone={isGuilty ? "danger" : "accent"}>{frame.module}</Badge>
            ) : null}
            {isGuilty ? <span className="font-sans text-xs font-normal">← blamed</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

export function Registers({ registers }: { registers: Record<string, string> }) {
  const entries = Object.entries(registers);
  if (entries.length === 0) return null;
  return (
    <details className="rounded-lg border border-border bg-surface">
      <summary className="cursor-pointer px-4 py-2 text-sm text-muted hover:text-fg">
        Registers ({entries.length})
      </summary>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 px-4 pb-3 font-mono text-xs sm:grid-cols-3 lg:grid-cols-4">
        {entries.map(([name, value]) => (
          <div key={name} className="flex gap-2">
            <dt className="w-12 text-muted uppercase">{name}</dt>
            <dd className="text-fg">{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
