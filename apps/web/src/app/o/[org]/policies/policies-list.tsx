"use client";

import { useQuery } from "@tanstack/react-query";
import { Plus, SlidersHorizontal } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { type Column, DataTable } from "@/components/ui/table";
import { timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";

interface Row {
  id: string;
  name: string;
  description: string;
  updatedAt: Date;
  latest: { number: number; message: string } | null;
  hostsApplied: number;
}

const columns: Column<Row>[] = [
  {
    key: "name",
    header: "Policy",
    cell: (p) => (
      <div>
        <div className="font-medium text-fg">{p.name}</div>
        {p.description ? <div className="text-xs text-muted">{p.description}</div> : null}
      </div>
    ),
  },
  {
    key: "rev",
    header: "Latest revision",
    cell: (p) =>
      p.latest ? (
        <span>
          #{p.latest.number} <span className="text-muted">{p.latest.message}</span>
        </span>
      ) : (
        "—"
      ),
  },
  {
    key: "hosts",
    header: "Applied on",
    cell: (p) => <Badge tone={p.hostsApplied ? "accent" : "neutral"}>{p.hostsApplied} hosts</Badge>,
  },
  {
    key: "updated",
    header: "Updated",
    className: "hidden sm:table-cell",
    cell: (p) => <span className="text-muted">{timeAgo(p.updatedAt)}</span>,
  },
];

export function PoliciesList({ orgSlug, canEdit }: { orgSlug: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const policies = useQuery(trpc.policies.list.queryOptions());
  const newButton = canEdit ? (
    <Button asChild variant="primary">
      <Link href={`/o/${orgSlug}/policies/new`}>
        <Plus className="size-4" /> New policy
      </Link>
    </Button>
  ) : null;
  if (policies.data?.length === 0) {
    return (
      <EmptyState icon={SlidersHorizontal} title="No policies yet" action={newButton}>
        <p>
          A policy is a typed tc configuration (HTB classes, fq_codel, cake, netem, ingress
          policing, filters). Fleetdeck validates it, shows the exact
          <code className="mx-1 rounded bg-surface-2 px-1 font-mono text-xs">tc</code>
          commands it becomes, and keeps every revision. Start from a preset such as “shape egress
          to 100 Mbit/s”.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex justify-end">{newButton}</div>
      <DataTable
        caption="Policies"
        columns={columns}
        rows={(policies.data ?? []) as Row[]}
        rowKey={(p) => p.id}
        loading={policies.isPending}
        onRowClick={(p) => router.push(`/o/${orgSlug}/policies/${p.id}`)}
      />
    </div>
  );
}
