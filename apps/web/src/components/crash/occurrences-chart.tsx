/** Crashes per day as bars; an SVG so it costs no chart library. */
export function OccurrencesChart({ days }: { days: { day: Date; count: number }[] }) {
  if (days.length === 0) return null;
  const max = Math.max(...days.map((d) => d.count));
  const slot = 36;
  const width = days.length * slot;
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  const fmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
  return (
    <figure className="overflow-x-auto">
      <svg
        viewBox={`0 0 ${width} 120`}
        width={Math.min(width * 1.6, 720)}
        height={130}
        preserveAspectRatio="xMinYMid meet"
        role="img"
        aria-label={`Crashes per day: ${days.map((d) => `${fmt.format(d.day)} ${d.count}`).join(", ")}`}
      >
        {days.map((d, i) => {
          const h = Math.max(2, (d.count / max) * 80);
          return (
            <g key={d.day.toISOString()}>
              <rect
                x={i * slot + 8}
                y={92 - h}
                width={slot - 16}
                height={h}
                rx={2}
                className="fill-[var(--accent)]"
              >
                <title>{`${fmt.format(d.day)}: ${d.count}`}</title>
              </rect>
              <text
                x={i * slot + slot / 2}
                y={88 - h}
                textAnchor="middle"
                className="fill-[var(--muted)] text-[9px]"
              >
                {d.count}
              </text>
              {i % labelEvery === 0 ? (
                <text
                  x={i * slot + slot / 2}
                  y={108}
                  textAnchor="middle"
                  className="fill-[var(--faint)] text-[9px]"
                >
                  {fmt.format(d.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
