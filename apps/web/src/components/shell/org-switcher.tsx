"use client";

import type { ViewerMembership } from "@fleetdeck/api";
import { Check, ChevronsUpDown } from "lucide-react";
import { useRouter, useSelectedLayoutSegment } from "next/navigation";
import { Badge } from "../ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu";

/** Switches organization and stays on the same section. */
export function OrgSwitcher({
  memberships,
  current,
}: {
  memberships: ViewerMembership[];
  current: ViewerMembership;
}) {
  const router = useRouter();
  const section = useSelectedLayoutSegment() ?? "fleet";
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex max-w-[52vw] items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-fg hover:bg-surface-2 sm:max-w-xs"
        aria-label={`Organization: ${current.name}. Switch organization`}
      >
        <span className="flex size-6 shrink-0 items-center justify-center rounded bg-surface-2 text-xs font-semibold text-muted">
          {current.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="truncate">{current.name}</span>
        <ChevronsUpDown className="size-3.5 shrink-0 text-muted" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>Organizations</DropdownMenuLabel>
        {memberships.map((m) => (
          <DropdownMenuItem
            key={m.organizationId}
            onSelect={() => router.push(`/o/${m.slug}/${section}`)}
          >
            <span className="flex-1 truncate">{m.name}</span>
            <Badge>{m.role}</Badge>
            {m.slug === current.slug ? (
              <Check className="size-4 text-accent" aria-label="current" />
            ) : (
              <span className="size-4" />
            )}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
