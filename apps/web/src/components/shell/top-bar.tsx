"use client";

import type { ViewerMembership } from "@fleetdeck/api";
import { Menu } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Logo } from "./logo";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

// Desktop never needs the drawer, so its dialog code is fetched on first use.
const MobileNav = dynamic(() => import("./mobile-nav"), { ssr: false });

export function TopBar({
  user,
  memberships,
  current,
}: {
  user: { name: string; email: string };
  memberships: ViewerMembership[];
  /** Absent outside an organization (the account pages). */
  current?: ViewerMembership;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-border bg-surface/90 px-3 backdrop-blur sm:px-4">
      {current ? (
        <button
          type="button"
          className="rounded-md p-2 text-muted hover:bg-surface-2 hover:text-fg md:hidden"
          aria-label="Open navigation"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen(true)}
        >
          <Menu className="size-5" />
        </button>
      ) : null}
      {current && menuOpen ? (
        <MobileNav orgSlug={current.slug} onClose={() => setMenuOpen(false)} />
      ) : null}
      <Logo href={current ? `/o/${current.slug}/fleet` : "/"} />
      {current ? (
        <>
          <span className="mx-1 hidden h-5 w-px bg-border sm:block" aria-hidden />
          <OrgSwitcher memberships={memberships} current={current} />
        </>
      ) : null}
      <div className="ml-auto flex items-center gap-2">
        <UserMenu user={user} />
      </div>
    </header>
  );
}
