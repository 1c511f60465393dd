"use client";

import type { Role } from "@fleetdeck/db";
import { useEffect, useRef } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { CrashSettingsPanel } from "./crash-settings-panel";
import { InvitesPanel } from "./invites-panel";
import { MembersPanel } from "./members-panel";
import { TokensPanel } from "./tokens-panel";
import { WebhookPanel } from "./webhook-panel";

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
  const tabs = admin ? ["members", "invites", "tokens", "webhook", "crashes"] : ["members"];
  const list = useRef<HTMLDivElement>(null);
  // On a phone the tab list scrolls sideways: a tab opened by link must not start out of view.
  useEffect(() => {
    list.current
      ?.querySelector('[role="tab"][data-state="active"]')
      ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, []);
  return (
    <Tabs defaultValue={initialTab && tabs.includes(initialTab) ? initialTab : "members"}>
      <TabsList ref={list}>
        <TabsTrigger value="members">Members</TabsTrigger>
        {admin ? <TabsTrigger value="invites">Invitations</TabsTrigger> : null}
        {admin ? <TabsTrigger value="tokens">Enrollment tokens</TabsTrigger> : null}
        {admin ? <TabsTrigger value="webhook">Webhook</TabsTrigger> : null}
        {admin ? <TabsTrigger value="crashes">Crashes</TabsTrigger> : null}
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
          <TabsContent value="webhook" className="pt-5">
            <WebhookPanel />
          </TabsContent>
          <TabsContent value="crashes" className="pt-5">
            <CrashSettingsPanel />
          </TabsContent>
        </>
      ) : null}
    </Tabs>
  );
}
