import { Layers } from "lucide-react";
import type { ReactNode } from "react";

/** The centred card every sign-in screen uses. */
export function AuthCard({
  title,
  subtitle,
  children,
  wide,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className={wide ? "w-full max-w-xl" : "w-full max-w-sm"}>
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold tracking-tight">
          <span className="flex size-8 items-center justify-center rounded-md bg-accent text-accent-fg">
            <Layers className="size-4.5" aria-hidden />
          </span>
          Fleetdeck
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-7">
          <h1 className="text-lg font-semibold text-fg">{title}</h1>
          {subtitle ? <p className="mt-1 text-sm text-muted">{subtitle}</p> : null}
          <div className="mt-5">{children}</div>
        </div>
      </div>
    </main>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      data-testid="form-error"
      className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger"
    >
      {message}
    </div>
  );
}
