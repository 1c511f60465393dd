"use client";

import { useQuery } from "@tanstack/react-query";
import { Plus, Rocket } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { type Column, DataTable } from "@/components/ui/table";
import { timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { label, rolloutTone } from "./state";

interface Row {
  id: string;
  name: string;
  state: string;
  currentWave: number;
  createdAt: Date;
  abortReason: string | null;
  revision: { number: number; policy: { id: string; name: string } };
  _count: { hosts: number; waves: number };
}

const columnsFor = (orgSlug: string): Column<Row>[] => [
  {
    key: "name",
    header: "Rollout",
    cell: (r) => (
      <Link className="font-medium text-fg hover:underline" href={`/o/${orgSlug}/rollouts/${r.id}`}>
        {r.name}
      </Link>
    ),
  },
  {
    key: "policy",
    header: "Revision",
    cell: (r) => `${r.revision.policy.name} #${r.revision.number}`,
  },
  {
    key: "state",
    header: "State",
    cell: (r) => <Badge tone={rolloutTone[r.state]}>{label(r.state)}</Badge>,
  },
  {
    key: "wave",
    header: "Wave",
    cell: (r) => `${Math.min(r.currentWave + 1, r._count.waves)} of ${r._count.waves}`,
  },
  { key: "hosts", header: "Hosts", cell: (r) => r._count.hosts },
  {
    key: "created",
    header: "Created",
    className: "hidden sm:table-cell",
    cell: (r) => <span className="text-muted">{timeAgo(r.createdAt)}</span>,
  },
];

export function RolloutsList({ orgSlug, canStart }: { orgSlug: string; canStart: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const rollouts = useQuery(trpc.rollouts.list.queryOptions(undefined, { refetchInterval: 5000 }));
  const start = canStart ? (
    <Button asChild variant="primary">
      <Link href={`/o/${orgSlug}/rollouts/new`}>
        <Plus className="size-4" /> New rollout
      </Link>
    </Button>
  ) : null;
  if (rollouts.data?.length === 0) {
    return (
      <EmptyState icon={Rocket} title="No rollouts yet" action={start}>
        <p>
          A rollout sends a policy revision to a canary, then to waves of hosts. A failed apply, a
          host that stops reporting or a new kernel crash during a wave’s bake time stops it and
          rolls the touched hosts back.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex justify-end">{start}</div>
      <DataTable
        caption="Rollouts"
        columns={columnsFor(orgSlug)}
        rows={(rollouts.data ?? []) as Row[]}
        rowKey={(r) => r.id}
        loading={rollouts.isPending}
        onRowClick={(r) => router.push(`/o/${orgSlug}/rollouts/${r.id}`)}
      />
    </div>
  );
}
