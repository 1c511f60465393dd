import type { Viewer, ViewerMembership } from "@fleetdeck/api";
import type { ReactNode } from "react";
import { SideNav } from "./side-nav";
import { TopBar } from "./top-bar";

export function AppShell({
  viewer,
  current,
  children,
}: {
  viewer: Viewer;
  current: ViewerMembership;
  children: ReactNode;
}) {
  return (
    <div className="min-h-dvh">
      <TopBar user={viewer.user} memberships={viewer.memberships} current={current} />
      <div className="flex">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-60 shrink-0 overflow-y-auto border-r border-border bg-surface md:block">
          <SideNav orgSlug={current.slug} />
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-10">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
