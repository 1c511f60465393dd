"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { cn } from "./cn";

/** Monospace text with a copy button; long lines scroll instead of breaking the layout. */
export function CodeBlock({
  code,
  label,
  className,
}: {
  code: string;
  label?: string;
  className?: string;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(code);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <div className={cn("group relative rounded-md border border-border bg-surface-2", className)}>
      {label ? (
        <div className="border-b border-border px-3 py-1.5 text-xs font-medium text-muted">
          {label}
        </div>
      ) : null}
      <pre className="overflow-x-auto p-3 pr-12 font-mono text-[13px] leading-5 text-fg">
        <code>{code}</code>
      </pre>
      <button
        type="button"
        onClick={copy}
        className="absolute right-2 bottom-2 rounded-md border border-border bg-surface p-1.5 text-muted hover:text-fg"
        aria-label={copied ? "Copied" : "Copy to clipboard"}
      >
        {copied ? <Check className="size-4 text-ok" /> : <Copy className="size-4" />}
      </button>
    </div>
  );
}
