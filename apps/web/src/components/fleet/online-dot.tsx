import { cn } from "../ui/cn";

/** Green when a heartbeat arrived within three intervals; the label is for screen readers and tooltips. */
export function OnlineDot({
  online,
  revoked,
  className,
}: {
  online: boolean;
  revoked?: boolean;
  className?: string;
}) {
  const label = revoked ? "revoked" : online ? "online" : "offline";
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={cn(
        "inline-block size-2.5 shrink-0 rounded-full",
        revoked
          ? "bg-danger"
          : online
            ? "bg-ok shadow-[0_0_0_3px_color-mix(in_oklab,var(--ok)_20%,transparent)]"
            : "bg-faint",
        className,
      )}
    />
  );
}
