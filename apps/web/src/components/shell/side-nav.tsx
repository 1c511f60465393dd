"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { cn } from "../ui/cn";
import { navItems } from "./nav-items";

export function SideNav({ orgSlug, onNavigate }: { orgSlug: string; onNavigate?: () => void }) {
  const active = useSelectedLayoutSegment();
  return (
    <nav aria-label="Sections" className="flex flex-col gap-0.5 p-3">
      {navItems.map(({ segment, label, icon: Icon }) => {
        const current = active === segment;
        return (
          <Link
            key={segment}
            href={`/o/${orgSlug}/${segment}`}
            onClick={onNavigate}
            aria-current={current ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium transition-colors",
              current
                ? "bg-accent-soft text-accent"
                : "text-muted hover:bg-surface-2 hover:text-fg",
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
