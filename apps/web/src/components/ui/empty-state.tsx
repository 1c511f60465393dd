import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** What a section shows before it has data: what it is for and the next step. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-border-strong bg-surface px-6 py-14 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-accent-soft text-accent">
        <Icon className="size-6" aria-hidden />
      </div>
      <h2 className="text-base font-semibold text-fg">{title}</h2>
      <div className="mt-2 max-w-md text-sm leading-6 text-muted">{children}</div>
      {action ? <div className="mt-6 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
