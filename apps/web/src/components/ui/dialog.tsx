"use client";

import { X } from "lucide-react";
import { Dialog as D } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "./cn";

export const Dialog = D.Root;
export const DialogTrigger = D.Trigger;
export const DialogClose = D.Close;

const placements = {
  center:
    "top-1/2 left-1/2 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-lg border p-5",
  /** A drawer from the left edge: the phone navigation. */
  left: "inset-y-0 left-0 h-dvh w-72 max-w-[85vw] border-r p-3 pt-4",
} as const;

export function DialogContent({
  title,
  description,
  children,
  footer,
  className,
  placement = "center",
}: {
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
  placement?: keyof typeof placements;
}) {
  return (
    <D.Portal>
      <D.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px] data-[state=open]:animate-in" />
      <D.Content
        className={cn(
          "fixed z-50 border-border bg-surface shadow-xl focus:outline-none",
          placements[placement],
          className,
        )}
      >
        <div className="mb-4 pr-8">
          <D.Title className="text-base font-semibold text-fg">{title}</D.Title>
          {description ? (
            <D.Description className="mt-1 text-sm text-muted">{description}</D.Description>
          ) : null}
        </div>
        {children}
        {footer ? <div className="mt-5 flex justify-end gap-2">{footer}</div> : null}
        <D.Close
          className="absolute top-4 right-4 rounded-md p-1 text-muted hover:bg-surface-2 hover:text-fg"
          aria-label="Close"
        >
          <X className="size-4" />
        </D.Close>
      </D.Content>
    </D.Portal>
  );
}
