import type { ReactNode } from "react";

export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <section
      className="rounded-lg border border-border bg-surface p-5"
      aria-labelledby={title.replace(/\W+/g, "-")}
    >
      <h2 id={title.replace(/\W+/g, "-")} className="text-base font-semibold text-fg">
        {title}
      </h2>
      <p className="mt-1 mb-4 text-sm text-muted">{description}</p>
      {children}
    </section>
  );
}
