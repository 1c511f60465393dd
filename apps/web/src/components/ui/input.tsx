import type { InputHTMLAttributes, ReactNode } from "react";
import { useId } from "react";
import { cn } from "./cn";

export const inputClasses =
  "h-9 w-full rounded-md border border-border-strong bg-surface px-3 text-sm text-fg placeholder:text-faint " +
  "shadow-xs transition-colors focus:border-accent focus:outline-none focus:ring-2 focus:ring-ring/30 " +
  "disabled:opacity-60 aria-invalid:border-danger aria-invalid:ring-danger/20";

export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(inputClasses, className)} {...rest} />;
}

export interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  /** Classes for the input itself (className styles the wrapper). */
  inputClassName?: string;
}

/** A labelled input with its hint or error wired up for screen readers. */
export function Field({ label, hint, error, id, className, inputClassName, ...rest }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = error || hint ? `${inputId}-desc` : undefined;
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={inputId} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <Input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClassName}
        {...rest}
      />
      {error ? (
        <p id={describedBy} className="text-sm text-danger" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={describedBy} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
