"use client";

import { Tabs as T } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const Tabs = T.Root;
export function TabsContent({ className, ...rest }: ComponentProps<typeof T.Content>) {
  return <T.Content className={cn("outline-none", className)} {...rest} />;
}

export function TabsList({ className, ...rest }: ComponentProps<typeof T.List>) {
  return (
    <T.List
      className={cn("flex gap-1 overflow-x-auto border-b border-border", className)}
      {...rest}
    />
  );
}

export function TabsTrigger({ className, ...rest }: ComponentProps<typeof T.Trigger>) {
  return (
    <T.Trigger
      className={cn(
        "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted",
        "hover:text-fg data-[state=active]:border-accent data-[state=active]:text-fg",
        "rounded-t-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40",
        className,
      )}
      {...rest}
    />
  );
}
