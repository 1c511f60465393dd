"use client";

import type { ViewerMembership } from "@fleetdeck/api";
import { Menu } from "lucide-react";
import { useState } from "react";
import { Dialog, DialogContent, DialogTrigger } from "../ui/dialog";
import { Logo } from "./logo";
import { OrgSwitcher } from "./org-switcher";
import { SideNav } from "./side-nav";
import { UserMenu } from "./user-menu";

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
        <Dialog open={menuOpen} onOpenChange={setMenuOpen}>
          <DialogTrigger
            className="rounded-md p-2 text-muted hover:bg-surface-2 hover:text-fg md:hidden"
            aria-label="Open navigation"
          >
            <Menu className="size-5" />
          </DialogTrigger>
          <DialogContent title="Navigate" placement="left">
            <SideNav orgSlug={current.slug} onNavigate={() => setMenuOpen(false)} />
          </DialogContent>
        </Dialog>
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
