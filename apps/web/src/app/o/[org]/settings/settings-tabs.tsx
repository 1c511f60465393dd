"use client";

import type { Role } from "@fleetdeck/db";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { InvitesPanel } from "./invites-panel";
import { MembersPanel } from "./members-panel";

export function SettingsTabs({ role, selfId }: { role: Role; selfId: string }) {
  const admin = role === "admin" || role === "owner";
  return (
    <Tabs defaultValue="members">
      <TabsList>
        <TabsTrigger value="members">Members</TabsTrigger>
        {admin ? <TabsTrigger value="invites">Invitations</TabsTrigger> : null}
      </TabsList>
      <TabsContent value="members" className="pt-5">
        <MembersPanel role={role} selfId={selfId} />
      </TabsContent>
      {admin ? (
        <TabsContent value="invites" className="pt-5">
          <InvitesPanel role={role} />
        </TabsContent>
      ) : null}
    </Tabs>
  );
}
