"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CallTrace, Registers } from "@/components/crash/call-trace";
import { OccurrencesChart } from "@/components/crash/occurrences-chart";
import { RawLog } from "@/components/crash/raw-log";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { type GroupStatus, statusTone } from "../status";
import { Comments } from "./comments";
import { CrashList } from "./crash-list";
import { vmcoreInFlight } from "./vmcore-cell";
import { KernelRevisionTable } from "./kernel-revision-table";
import { RelatedRollouts } from "./related-rollouts";
import { TriageControls } from "./triage-controls";

export function CrashGroupView({
  orgSlug,
  groupId,
  canTriage,
}: {
  orgSlug: string;
  groupId: string;
  canTriage: boolean;
}) {
  const trpc = useTRPC();
  const detail = useQuery(
    trpc.crashes.group.queryOptions(
      { groupId },
      {
        // Faster while a vmcore is on its way, so its progress moves.
        refetchInterval: (q) =>
          Object.values(q.state.data?.vmcore ?? {}).some(vmcoreInFlight) ? 2_000 : 15_000,
      },
    ),
  );
  if (detail.error) return <p className="text-danger">{detail.error.message}</p>;
  if (!detail.data) return <p className="text-muted">Loading…</p>;
  const { group, report, crashes } = detail.data;
  const kernels = [...new Set(crashes.map((c) => c.kernel).filter(Boolean))] as string[];
  const hosts = [...new Map(crashes.map((c) => [c.host.id, c.host])).values()];
  return (
    <div className="space-y-8">
      <div>
        <Link href={`/o/${orgSlug}/crashes`} className="text-sm text-muted hover:text-fg">
          ← Crashes
        </Link>
        <h1 className="mt-2 font-mono text-lg font-semibold break-words text-fg">{group.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-muted">
          <Badge tone={statusTone[group.status as GroupStatus]}>{group.status}</Badge>
          <Badge>{group.kind}</Badge>
          {group.module ? <Badge tone="accent">{group.module}</Badge> : <Badge>built-in</Badge>}
          <span>
            {group.crashCount} crashes on {group.hostCount} hosts · first{" "}
            {timeAgo(group.firstSeenAt)} · last {timeAgo(group.lastSeenAt)}
          </span>
        </div>
        {group.mergedIntoId ? (
          <p className="mt-2 text-sm text-warn">
            Merged into{" "}
            <Link className="underline" href={`/o/${orgSlug}/crashes/${group.mergedIntoId}`}>
              another group
            </Link>
            ; new crashes go there.
          </p>
        ) : null}
      </div>
      <TriageControls orgSlug={orgSlug} detail={detail.data} canTriage={canTriage} />
      <section className="space-y-2" aria-labelledby="why">
        <h2 id="why" className="text-sm font-semibold text-fg">
          Why these are grouped
        </h2>
        <p className="rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs text-fg">
          {group.why}
        </p>
        {detail.data.mergedFrom.length > 0 ? (
          <p className="text-xs text-muted">
            Also holds merged groups: {detail.data.mergedFrom.map((m) => m.title).join("; ")}
          </p>
        ) : null}
      </section>
      {report ? (
        <section className="space-y-3" aria-labelledby="trace">
          <h2 id="trace" className="text-sm font-semibold text-fg">
            Call trace{" "}
            <span className="font-normal text-muted">of the latest crash · {report.headline}</span>
          </h2>
          <CallTrace report={report} />
          <Registers registers={report.registers} />
          <p className="text-xs text-muted">
            {[
              report.comm && `comm ${report.comm}`,
              report.pid !== null && `pid ${report.pid}`,
              report.cpu !== null && `CPU ${report.cpu}`,
              report.hardware,
              report.taint &&
                `tainted ${report.taint.letters} (${report.taint.flags.map((f) => f.meaning).join(", ")})`,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </section>
      ) : null}
      <section className="space-y-2" aria-labelledby="occurrences">
        <h2 id="occurrences" className="text-sm font-semibold text-fg">
          Occurrences
        </h2>
        <OccurrencesChart days={detail.data.occurrences} />
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="space-y-2" aria-labelledby="hosts">
          <h2 id="hosts" className="text-sm font-semibold text-fg">
            Hosts and kernels
          </h2>
          <div className="flex flex-wrap gap-1.5">
            {hosts.map((h) => (
              <Link key={h.id} href={`/o/${orgSlug}/fleet/${h.id}`}>
                <Badge className="hover:border-accent">{h.name}</Badge>
              </Link>
            ))}
          </div>
          <div className="flex flex-wrap gap-1.5">
            {kernels.map((k) => (
              <Badge key={k} className="font-mono font-normal">
                {k}
              </Badge>
            ))}
          </div>
        </section>
        <KernelRevisionTable
          rows={detail.data.kernelByRevision}
          crashes={crashes}
          orgSlug={orgSlug}
        />
      </div>
      <RelatedRollouts groupId={groupId} orgSlug={orgSlug} />
      {report && detail.data.representativeCrashId ? (
        <RawLog crashId={detail.data.representativeCrashId} lines={report.lines} />
      ) : null}
      <CrashList
        orgSlug={orgSlug}
        crashes={crashes}
        canTriage={canTriage}
        vmcore={detail.data.vmcore}
      />
      <Comments groupId={groupId} comments={detail.data.comments} canComment={canTriage} />
      <p className="text-xs text-faint">Group created {formatDateTime(group.createdAt)}.</p>
    </div>
  );
}
