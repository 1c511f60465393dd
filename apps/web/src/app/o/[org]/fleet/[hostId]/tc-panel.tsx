"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";

interface RevisionRef {
  id: string;
  number: number;
  hash: string;
  policy: { id: string; name: string };
}

interface TcHost {
  id: string;
  desiredRevision: RevisionRef | null;
  appliedRevision: RevisionRef | null;
  appliedHash: string | null;
  appliedAt: Date | null;
  driftDetectedAt: Date | null;
  driftDetails: unknown;
}

function RevisionLink({ orgSlug, revision }: { orgSlug: string; revision: RevisionRef | null }) {
  if (!revision) return <span className="text-muted">none</span>;
  return (
    <Link
      href={`/o/${orgSlug}/policies/${revision.policy.id}`}
      className="font-medium text-fg hover:underline"
    >
      {revision.policy.name} #{revision.number}
    </Link>
  );
}

/** What the host should run, what it runs, and whether the live tree drifted from it. */
export function TcPanel({
  host,
  orgSlug,
  canOperate,
}: {
  host: TcHost;
  orgSlug: string;
  canOperate: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [policyId, setPolicyId] = useState<string>("");
  const policies = useQuery({ ...trpc.policies.list.queryOptions(), enabled: canOperate });
  const refresh = () => queryClient.invalidateQueries();
  const onError = (e: { message: string }) =>
    toast({ tone: "error", title: "Not queued", description: e.message });
  const apply = useMutation(
    trpc.policies.applyToHost.mutationOptions({
      onSuccess: () => {
        toast({
          tone: "success",
          title: "Apply queued",
          description: "Its result appears under Commands.",
        });
        return refresh();
      },
      onError,
    }),
  );
  const run = useMutation(trpc.fleet.runCommand.mutationOptions({ onSuccess: refresh, onError }));
  const inSync =
    host.appliedHash !== null &&
    host.desiredRevision !== null &&
    host.appliedHash === host.desiredRevision.hash;
  const drift = host.driftDetails as { differences?: string[]; repaired?: boolean } | null;
  const chosen = policies.data?.find((p) => p.id === policyId);
  return (
    <section
      aria-labelledby="tc"
      className="space-y-3 rounded-lg border border-border bg-surface p-4"
    >
      <h2 id="tc" className="text-sm font-semibold text-fg">
        Traffic control
      </h2>
      <dl className="grid gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-muted uppercase">Desired</dt>
          <dd>
            <RevisionLink orgSlug={orgSlug} revision={host.desiredRevision} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted uppercase">Applied (reported by the agent)</dt>
          <dd className="flex items-center gap-2">
            <RevisionLink orgSlug={orgSlug} revision={host.appliedRevision} />
            {host.appliedAt ? (
              <span className="text-xs text-muted">{timeAgo(host.appliedAt)}</span>
            ) : null}
            {host.desiredRevision ? (
              inSync ? (
                <CheckCircle2 className="size-4 text-ok" aria-label="in sync" />
              ) : (
                <Badge tone="warn">not yet</Badge>
              )
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted uppercase">Drift</dt>
          <dd>
            {host.driftDetectedAt ? (
              <span className="flex items-center gap-1 text-warn">
                <AlertTriangle className="size-4" /> since {timeAgo(host.driftDetectedAt)}
                {drift?.repaired ? " (repaired)" : ""}
              </span>
            ) : (
              <span className="text-muted">none</span>
            )}
          </dd>
        </div>
      </dl>
      {drift?.differences?.length ? (
        <ul
          className="rounded-md bg-warn-soft px-3 py-2 font-mono text-xs text-warn"
          aria-label="Drift"
        >
          {drift.differences.slice(0, 20).map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
      {canOperate ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-border pt-3">
          <Select
            label="Policy to apply"
            value={policyId || undefined}
            placeholder="Apply a policy…"
            onValueChange={setPolicyId}
            options={(policies.data ?? [])
              .filter((p) => p.latest)
              .map((p) => ({ value: p.id, label: `${p.name} #${p.latest?.number}` }))}
          />
          <Button
            variant="primary"
            disabled={!chosen?.latest}
            loading={apply.isPending}
            onClick={() =>
              chosen?.latest && apply.mutate({ hostId: host.id, revisionId: chosen.latest.id })
            }
          >
            Apply to this host
          </Button>
          <Button
            loading={run.isPending && run.variables?.type === "tc.restore"}
            onClick={() =>
              run.mutate({ hostId: host.id, type: "tc.restore", args: { target: "previous" } })
            }
          >
            Restore previous
          </Button>
          <Button
            variant="ghost"
            loading={run.isPending && run.variables?.type === "tc.snapshot"}
            onClick={() => run.mutate({ hostId: host.id, type: "tc.snapshot" })}
          >
            Snapshot
          </Button>
        </div>
      ) : null}
    </section>
  );
}
