"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { label, rolloutTone } from "../state";
import { HostTable } from "./host-table";
import { Operations } from "./operations";
import { WaveProgress } from "./wave-progress";

const ACTIVE = new Set(["running", "paused", "awaiting_approval", "rolling_back"]);

export function RolloutView({
  orgSlug,
  rolloutId,
  canOperate,
}: {
  orgSlug: string;
  rolloutId: string;
  canOperate: boolean;
}) {
  const trpc = useTRPC();
  const detail = useQuery(
    trpc.rollouts.get.queryOptions(
      { rolloutId },
      { refetchInterval: (q) => (q.state.data && ACTIVE.has(q.state.data.state) ? 2000 : 15_000) },
    ),
  );
  if (detail.error) return <p className="text-danger">{detail.error.message}</p>;
  if (!detail.data) return <p className="text-muted">Loading…</p>;
  const r = detail.data;
  const target = r.target as { kind: string; selector?: string };
  return (
    <div className="space-y-8">
      <div>
        <Link href={`/o/${orgSlug}/rollouts`} className="text-sm text-muted hover:text-fg">
          ← Rollouts
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold tracking-tight text-fg">{r.name}</h1>
          <Badge tone={rolloutTone[r.state]}>{label(r.state)}</Badge>
        </div>
        <p className="mt-1 text-sm text-muted">
          <Link className="hover:underline" href={`/o/${orgSlug}/policies/${r.revision.policy.id}`}>
            {r.revision.policy.name} revision {r.revision.number}
          </Link>{" "}
          ·{" "}
          {target.kind === "selector" ? (
            <code className="font-mono text-xs">{target.selector}</code>
          ) : target.kind === "all" ? (
            "all hosts"
          ) : (
            "chosen hosts"
          )}{" "}
          · {r.hosts.length} hosts
          {r.joinedSince
            ? ` (${r.joinedSince} joined the target since it started; they are not included)`
            : ""}
          {r.startedAt ? ` · started ${timeAgo(r.startedAt)}` : ""}
        </p>
        {r.abortReason ? (
          <p
            className="mt-2 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger"
            role="status"
          >
            {r.abortReason}
          </p>
        ) : null}
      </div>
      {canOperate ? <Operations rollout={r} /> : null}
      <WaveProgress waves={r.waves} hosts={r.hosts} currentWave={r.currentWave} />
      <HostTable hosts={r.hosts} orgSlug={orgSlug} />
      <section aria-labelledby="timeline" className="space-y-2">
        <h2 id="timeline" className="text-sm font-semibold text-fg">
          Timeline
        </h2>
        <ol className="space-y-1.5 border-l border-border pl-4" aria-label="Rollout events">
          {r.events.map((e) => (
            <li key={e.id} className="text-sm">
              <time
                className="mr-2 text-xs text-muted"
                dateTime={e.at.toISOString()}
                title={formatDateTime(e.at)}
              >
                {e.at.toLocaleTimeString("en-GB")}
              </time>
              <span className="text-fg">{e.message}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
