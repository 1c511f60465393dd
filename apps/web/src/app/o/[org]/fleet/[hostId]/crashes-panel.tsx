"use client";

import { useQuery } from "@tanstack/react-query";
import { Bug } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { type GroupStatus, statusTone } from "../../crashes/status";

/** The host's crash reports, newest first, each linked to its group. */
export function CrashesPanel({ hostId, orgSlug }: { hostId: string; orgSlug: string }) {
  const trpc = useTRPC();
  const crashes = useQuery(trpc.crashes.forHost.queryOptions({ hostId }));
  if (crashes.error) return <p className="text-sm text-danger">{crashes.error.message}</p>;
  if (!crashes.data) return <p className="text-sm text-muted">Loading…</p>;
  if (crashes.data.length === 0)
    return (
      <EmptyState icon={Bug} title="No kernel crash from this host">
        <p>
          The agent reports kdump, pstore and journal crash logs from earlier boots, and warnings
          and lockups from the running kernel, as soon as it finds them.
        </p>
      </EmptyState>
    );
  return (
    <ul
      className="divide-y divide-border rounded-lg border border-border bg-surface"
      aria-label="Crashes"
    >
      {crashes.data.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <Link
            className="min-w-0 flex-1 truncate font-medium text-fg hover:underline"
            href={`/o/${orgSlug}/crashes/${c.group.id}`}
          >
            {c.title}
          </Link>
          <Badge tone={statusTone[c.group.status as GroupStatus]}>{c.group.status}</Badge>
          {c.corrupted ? <Badge tone="warn">corrupted</Badge> : null}
          <span className="font-mono text-xs text-muted">{c.kernel ?? "kernel ?"}</span>
          <span className="text-xs text-muted">{c.source}</span>
          {c.policyRevision ? (
            <Link
              className="text-xs text-accent hover:underline"
              href={`/o/${orgSlug}/policies/${c.policyRevision.policy.id}`}
            >
              {c.policyRevision.policy.name} #{c.policyRevision.number}
            </Link>
          ) : (
            <span className="text-xs text-faint">no policy</span>
          )}
          <time
            className="text-xs text-muted"
            dateTime={new Date(c.collectedAt).toISOString()}
            title={formatDateTime(c.collectedAt)}
          >
            {timeAgo(c.collectedAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}
