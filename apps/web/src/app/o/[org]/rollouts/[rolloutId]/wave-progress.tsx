import { cn } from "@/components/ui/cn";

interface Wave {
  index: number;
  size: number;
  state: string;
  bakeUntil: Date | null;
}

const SEGMENTS: { states: string[]; className: string; label: string }[] = [
  { states: ["verified", "rolled_back"], className: "bg-ok", label: "verified" },
  { states: ["applying", "rolling_back"], className: "bg-accent", label: "in progress" },
  {
    states: ["failed", "offline", "crashed", "rollback_failed"],
    className: "bg-danger",
    label: "failed",
  },
];

/** One bar per wave: verified, in progress and failed hosts as parts of its size. */
export function WaveProgress({
  waves,
  hosts,
  currentWave,
}: {
  waves: Wave[];
  hosts: { wave: number; state: string }[];
  currentWave: number;
}) {
  return (
    <section aria-label="Waves" className="space-y-3">
      {waves.map((w) => {
        const members = hosts.filter((h) => h.wave === w.index);
        return (
          <div key={w.index}>
            <div className="mb-1 flex items-baseline justify-between text-sm">
              <span
                className={cn("font-medium", w.index === currentWave ? "text-fg" : "text-muted")}
              >
                {w.index === 0 ? "Canary" : `Wave ${w.index}`}{" "}
                <span className="font-normal text-muted">
                  · {w.size} host{w.size === 1 ? "" : "s"} · {w.state}
                </span>
              </span>
              {w.state === "baking" && w.bakeUntil ? (
                <span className="text-xs text-muted">
                  bake until {w.bakeUntil.toLocaleTimeString("en-GB")}
                </span>
              ) : null}
            </div>
            <div
              className="flex h-2.5 overflow-hidden rounded-full bg-surface-2"
              role="img"
              aria-label={SEGMENTS.map(
                (s) => `${members.filter((m) => s.states.includes(m.state)).length} ${s.label}`,
              ).join(", ")}
            >
              {SEGMENTS.map((s) => {
                const n = members.filter((m) => s.states.includes(m.state)).length;
                return n ? (
                  <div
                    key={s.label}
                    className={s.className}
                    style={{ width: `${(n / Math.max(1, w.size)) * 100}%` }}
                  />
                ) : null;
              })}
            </div>
          </div>
        );
      })}
    </section>
  );
}
