import Link from "next/link";
import { OnlineDot } from "@/components/fleet/online-dot";
import { Badge } from "@/components/ui/badge";

interface PlannedHost {
  hostId: string;
  name: string;
  online: boolean;
  kernel: string | null;
  openCrashGroups: number;
  wave: number | null;
  excluded: string | null;
}

/** Per wave: which hosts, their kernels and open crash groups; then who pre-flight excludes, and why. */
export function BlastRadius({
  hosts,
  waveSizes,
  orgSlug,
}: {
  hosts: PlannedHost[];
  waveSizes: number[];
  orgSlug: string;
}) {
  const excluded = hosts.filter((h) => h.excluded);
  return (
    <div className="space-y-4">
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-4">
        {waveSizes.map((size, wave) => {
          const members = hosts.filter((h) => h.wave === wave);
          const kernels = [...new Set(members.map((h) => h.kernel ?? "unknown"))];
          const crashing = members.filter((h) => h.openCrashGroups > 0).length;
          return (
            <section
              key={wave}
              className="rounded-lg border border-border bg-surface p-3"
              aria-label={`Wave ${wave}`}
            >
              <div className="flex items-baseline justify-between">
                <span className="text-sm font-semibold text-fg">
                  {wave === 0 ? "Canary" : `Wave ${wave}`}
                </span>
                <span className="text-xs text-muted">
                  {size} host{size === 1 ? "" : "s"}
                </span>
              </div>
              <div className="mt-1 flex flex-wrap gap-1">
                {kernels.slice(0, 3).map((k) => (
                  <Badge key={k} className="font-mono font-normal">
                    {k}
                  </Badge>
                ))}
                {crashing ? <Badge tone="warn">{crashing} with open crashes</Badge> : null}
              </div>
              <ul className="mt-2 max-h-40 space-y-0.5 overflow-auto text-xs">
                {members.slice(0, 100).map((h) => (
                  <li key={h.hostId} className="flex items-center gap-1.5">
                    <OnlineDot online={h.online} className="size-2" />
                    <Link className="hover:underline" href={`/o/${orgSlug}/fleet/${h.hostId}`}>
                      {h.name}
                    </Link>
                    {h.openCrashGroups ? (
                      <span className="text-warn">({h.openCrashGroups} open crash groups)</span>
                    ) : null}
                  </li>
                ))}
                {members.length > 100 ? (
                  <li className="text-muted">…and {members.length - 100} more</li>
                ) : null}
              </ul>
            </section>
          );
        })}
      </div>
      {excluded.length > 0 ? (
        <section
          className="rounded-lg border border-danger/30 bg-danger-soft p-3"
          aria-label="Excluded by pre-flight"
        >
          <p className="text-sm font-medium text-danger">
            {excluded.length} host{excluded.length === 1 ? "" : "s"} excluded by pre-flight
          </p>
          <ul className="mt-1 space-y-0.5 text-xs text-danger">
            {excluded.slice(0, 50).map((h) => (
              <li key={h.hostId}>
                <span className="font-medium">{h.name}</span>: {h.excluded}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {waveSizes.length === 0 ? <p className="text-sm text-muted">No eligible host.</p> : null}
    </div>
  );
}
