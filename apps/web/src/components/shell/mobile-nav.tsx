"use client";

import { Dialog, DialogContent } from "../ui/dialog";
import { SideNav } from "./side-nav";

/** The phone navigation drawer; loaded only when someone opens it. */
export default function MobileNav({ orgSlug, onClose }: { orgSlug: string; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title="Navigate" placement="left">
        <SideNav orgSlug={orgSlug} onNavigate={onClose} />
      </DialogContent>
    </Dialog>
  );
}
