"use client";

import { DropdownMenu as M } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const DropdownMenu = M.Root;
export const DropdownMenuTrigger = M.Trigger;
export const DropdownMenuGroup = M.Group;

export function DropdownMenuContent({
  className,
  align = "end",
  ...rest
}: ComponentProps<typeof M.Content>) {
  return (
    <M.Portal>
      <M.Content
        align={align}
        sideOffset={6}
        className={cn(
          "z-50 min-w-56 rounded-md border border-border bg-surface p-1 shadow-lg",
          className,
        )}
        {...rest}
      />
    </M.Portal>
  );
}

export function DropdownMenuItem({ className, ...rest }: ComponentProps<typeof M.Item>) {
  return (
    <M.Item
      className={cn(
        "flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm text-fg outline-none select-none",
        "data-[disabled]:opacity-50 data-[highlighted]:bg-surface-2",
        className,
      )}
      {...rest}
    />
  );
}

export function DropdownMenuLabel({ className, ...rest }: ComponentProps<typeof M.Label>) {
  return (
    <M.Label className={cn("px-2 py-1.5 text-xs font-medium text-muted", className)} {...rest} />
  );
}

export function DropdownMenuSeparator() {
  return <M.Separator className="my-1 h-px bg-border" />;
}
