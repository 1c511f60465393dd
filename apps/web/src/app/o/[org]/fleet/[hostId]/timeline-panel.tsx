import { formatDateTime, timeAgo } from "@/lib/time";

/** Online/offline transitions, newest first. */
export function TimelinePanel({
  events,
  enrolledAt,
}: {
  events: { status: "online" | "offline"; at: Date }[];
  enrolledAt: Date;
}) {
  return (
    <ol className="relative space-y-4 border-l border-border pl-5">
      {events.map((e) => (
        <li key={`${e.status}-${e.at.toISOString()}`} className="relative">
          <span
            className={`absolute top-1.5 -left-[25px] size-2.5 rounded-full ${e.status === "online" ? "bg-ok" : "bg-faint"}`}
            aria-hidden
          />
          <span className="text-sm font-medium text-fg">
            {e.status === "online" ? "Came online" : "Went offline"}
          </span>{" "}
          <time
            className="text-sm text-muted"
            dateTime={e.at.toISOString()}
            title={formatDateTime(e.at)}
          >
            {timeAgo(e.at)}
          </time>
        </li>
      ))}
      <li className="relative">
        <span
          className="absolute top-1.5 -left-[25px] size-2.5 rounded-full bg-accent"
          aria-hidden
        />
        <span className="text-sm font-medium text-fg">Enrolled</span>{" "}
        <span className="text-sm text-muted">{formatDateTime(enrolledAt)}</span>
      </li>
    </ol>
  );
}
