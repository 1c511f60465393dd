"use client";

import type { Role } from "@fleetdeck/db";
import type { HostFacts } from "@fleetdeck/protocol";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { OnlineDot } from "@/components/fleet/online-dot";
import { Badge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { CrashesPanel } from "./crashes-panel";
import { CloneBanner } from "./clone-banner";
import { CommandsPanel } from "./commands-panel";
import { FactsPanel } from "./facts-panel";
import { HostActions } from "./host-actions";
import { LabelsEditor } from "./labels-editor";
import { TcPanel } from "./tc-panel";
import { TimelinePanel } from "./timeline-panel";

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

export function HostView({
  orgSlug,
  hostId,
  role,
}: {
  orgSlug: string;
  hostId: string;
  role: Role;
}) {
  const trpc = useTRPC();
  const host = useQuery(trpc.fleet.host.queryOptions({ hostId }, { refetchInterval: 5_000 }));
  if (host.error) return <p className="text-danger">{host.error.message}</p>;
  if (!host.data) return <p className="text-muted">Loading…</p>;
  const h = host.data;
  const facts = h.facts as HostFacts | null;
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/o/${orgSlug}/fleet`} className="text-sm text-muted hover:text-fg">
          ← Fleet
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <OnlineDot online={h.online} revoked={h.revokedAt !== null} className="size-3" />
          <h1 className="text-xl font-semibold tracking-tight text-fg">{h.name}</h1>
          {h.revokedAt ? (
            <Badge tone="danger">revoked</Badge>
          ) : h.online ? (
            <Badge tone="ok">online</Badge>
          ) : (
            <Badge>offline</Badge>
          )}
          {h.dryRun ? (
            <Badge title="Without root the demo agents record commands instead of running them">
              dry-run agent
            </Badge>
          ) : null}
          <div className="ml-auto">
            <HostActions
              hostId={hostId}
              orgSlug={orgSlug}
              isAdmin={rank[role] >= rank.admin}
              revoked={h.revokedAt !== null}
            />
          </div>
        </div>
        <p className="mt-1 text-sm text-muted">
          {facts
            ? `${facts.os.prettyName ?? facts.os.id ?? "Linux"} · ${facts.kernelRelease} · ${facts.arch}`
            : "No facts yet"}{" "}
          · last seen {h.lastSeenAt ? timeAgo(h.lastSeenAt) : "never"} · agent{" "}
          {h.agentVersion ?? "?"}
        </p>
      </div>
      <CloneBanner host={h} orgSlug={orgSlug} isAdmin={rank[role] >= rank.admin} />
      <LabelsEditor hostId={hostId} labels={h.labels} canEdit={rank[role] >= rank.operator} />
      <TcPanel
        host={h}
        orgSlug={orgSlug}
        canOperate={rank[role] >= rank.operator && !h.revokedAt}
      />
      <Tabs defaultValue="commands">
        <TabsList>
          <TabsTrigger value="commands">Commands</TabsTrigger>
          <TabsTrigger value="facts">Facts</TabsTrigger>
          <TabsTrigger value="crashes">Crashes</TabsTrigger>
          <TabsTrigger value="timeline">Timeline</TabsTrigger>
        </TabsList>
        <TabsContent value="commands" className="pt-5">
          <CommandsPanel hostId={hostId} canRun={rank[role] >= rank.operator && !h.revokedAt} />
        </TabsContent>
        <TabsContent value="facts" className="pt-5">
          {facts ? (
            <FactsPanel facts={facts} updatedAt={h.factsUpdatedAt} machineId={h.machineId} />
          ) : (
            <p className="text-muted">The agent has not reported facts yet.</p>
          )}
        </TabsContent>
        <TabsContent value="crashes" className="pt-5">
          <CrashesPanel hostId={hostId} orgSlug={orgSlug} />
        </TabsContent>
        <TabsContent value="timeline" className="pt-5">
          <TimelinePanel events={h.statusEvents} enrolledAt={h.enrolledAt} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
