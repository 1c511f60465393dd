"use client";

import type { Role } from "@fleetdeck/db";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { InvitesPanel } from "./invites-panel";
import { MembersPanel } from "./members-panel";
import { TokensPanel } from "./tokens-panel";

export function SettingsTabs({
  role,
  selfId,
  orgSlug,
  initialTab,
}: {
  role: Role;
  selfId: string;
  orgSlug: string;
  initialTab?: string;
}) {
  const admin = role === "admin" || role === "owner";
  const tabs = admin ? ["members", "invites", "tokens"] : ["members"];
  return (
    <Tabs defaultValue={initialTab && tabs.includes(initialTab) ? initialTab : "members"}>
      <TabsList>
        <TabsTrigger value="members">Members</TabsTrigger>
        {admin ? <TabsTrigger value="invites">Invitations</TabsTrigger> : null}
        {admin ? <TabsTrigger value="tokens">Enrollment tokens</TabsTrigger> : null}
      </TabsList>
      <TabsContent value="members" className="pt-5">
        <MembersPanel role={role} selfId={selfId} />
      </TabsContent>
      {admin ? (
        <>
          <TabsContent value="invites" className="pt-5">
            <InvitesPanel role={role} />
          </TabsContent>
          <TabsContent value="tokens" className="pt-5">
            <TokensPanel orgSlug={orgSlug} />
          </TabsContent>
        </>
      ) : null}
    </Tabs>
  );
}
